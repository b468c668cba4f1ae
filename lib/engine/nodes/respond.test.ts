import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { hook, tag, triggerPayload, validated } from "../test-support";

describe("respond node", () => {
  it("sets the response from a respond node, resolving status and headers", async () => {
    const workflow = validated({
      nodes: [
        hook,
        {
          id: "reply",
          type: "respond",
          parameters: { status: "{{ $json.body.ok ? 201 : 400 }}", headers: { "x-order": "order-{{ $json.body.id }}" }, body: { id: "{{ $json.body.id }}" } },
        },
        tag("afterwards"),
      ],
      connections: [{ from: "hook", to: "reply" }, { from: "reply", to: "afterwards" }],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ ok: true, id: 7 }) });
    expect(result.response).toEqual({ status: 201, headers: { "x-order": "order-7" }, body: { id: 7 } });
    expect(result.nodeResults.find((r) => r.nodeId === "reply")?.data).toEqual({ id: 7 });
    // The run continues after responding.
    expect(result.lastNodeId).toBe("afterwards");
  });

  it("defaults to status 200 with the input as body, and has no response without a respond node", async () => {
    const withRespond = validated({ nodes: [hook, { id: "reply", type: "respond", parameters: {} }], connections: [{ from: "hook", to: "reply" }] });
    const trigger = triggerPayload({ a: 1 });
    const result = await runWorkflow(withRespond, { triggerNodeId: "hook", trigger });
    expect(result.response).toEqual({ status: 200, headers: {}, body: trigger });

    const without = await runWorkflow(validated({ nodes: [hook], connections: [] }), { triggerNodeId: "hook", trigger });
    expect(without.response).toBeUndefined();
    expect(without.nodeResults[0]?.data).toEqual(trigger);
  });

  it("keeps the first response when two respond nodes run", async () => {
    const workflow = validated({
      nodes: [hook, { id: "first", type: "respond", parameters: { status: 202 } }, { id: "second", type: "respond", parameters: { status: 500 } }],
      connections: [{ from: "hook", to: "first" }, { from: "first", to: "second" }],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.executionPath).toEqual(["hook", "first", "second"]);
    expect(result.response?.status).toBe(202);
  });

  it("fails the respond node when an expression yields an invalid status", async () => {
    const workflow = validated({ nodes: [hook, { id: "reply", type: "respond", parameters: { status: "{{ 'teapot' }}" } }], connections: [{ from: "hook", to: "reply" }] });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.status).toBe("failed");
    expect(result.response).toBeUndefined();
    expect(result.error?.message).toContain('status must be an integer from 100 to 599, got "teapot"');
  });
});
