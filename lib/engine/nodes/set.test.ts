import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { deepFreeze, triggerPayload, validated } from "../test-support";
import { validateWorkflow } from "../validate-workflow";

// Runs webhook → set; the trigger payload is the set node's input.
async function runSet(parameters: Record<string, unknown>, body: unknown = {}) {
  const workflow = validated({
    nodes: [
      { id: "hook", type: "webhook", parameters: {} },
      { id: "set", type: "set", parameters },
    ],
    connections: [{ from: "hook", to: "set" }],
  });
  const trigger = deepFreeze(triggerPayload(body));
  const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger });
  const node = result.nodeResults.find((r) => r.nodeId === "set");
  return { result, node, trigger, data: node?.data as Record<string, unknown> | undefined };
}

describe("set node", () => {
  it("assigns dot paths into a copy, sharing untouched branches and never mutating the input", async () => {
    const body = { customer: { name: "old", email: "a@example.com" }, items: [1, 2] };
    // The frozen input would throw on any mutation in strict mode.
    const { data, trigger, result } = await runSet({ fields: { "body.customer.name": "{{ $uppercase(body.customer.email) }}", "meta.source": "api", "body.items.1": 20 } }, body);

    expect(result.status).toBe("completed");
    expect(data?.body).toEqual({ customer: { name: "A@EXAMPLE.COM", email: "a@example.com" }, items: [1, 20] });
    expect(data?.meta).toEqual({ source: "api" });
    expect(data?.method).toBe("POST");
    expect(trigger.body).toEqual({ customer: { name: "old", email: "a@example.com" }, items: [1, 2] });
    expect(data?.headers).toBe(trigger.headers);
    expect(data).not.toBe(trigger);
  });

  it("removes paths before assigning, ignoring paths that do not exist", async () => {
    const { data, trigger } = await runSet({ remove: ["headers", "body.secret", "body.missing.deep", "query"], fields: { query: { page: 1 } } }, { secret: "s", keep: 1 });
    expect(data).toEqual({ method: "POST", path: "hook", query: { page: 1 }, body: { keep: 1 } });
    expect(trigger.body).toEqual({ secret: "s", keep: 1 });
    expect(trigger.headers).toEqual({ "content-type": "application/json" });
  });

  it("outputs only the fields when keepInput is false", async () => {
    const { data } = await runSet({ keepInput: false, fields: { "order.id": "{{ body.id }}", "order.label": "#{{ body.id }}" } }, { id: 5 });
    expect(data).toEqual({ order: { id: 5, label: "#5" } });
  });

  it("returns a fresh object even with nothing to assign", async () => {
    const { data, trigger } = await runSet({ fields: {} });
    expect(data).toEqual(trigger);
    expect(data).not.toBe(trigger);
  });

  it("fails clearly when the input is not an object and keepInput is true", async () => {
    const workflow = validated({
      nodes: [
        { id: "hook", type: "webhook", parameters: {} },
        { id: "toNumber", type: "set", parameters: { keepInput: false, fields: { n: 1 } } },
        { id: "scalar", type: "respond", parameters: { body: 3 } },
        { id: "set", type: "set", parameters: { fields: { a: 1 } } },
      ],
      connections: [
        { from: "hook", to: "toNumber" },
        { from: "toNumber", to: "scalar" },
        { from: "scalar", to: "set" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain("set: input is a number, not an object");
  });

  it("rejects a field named __proto__ coming from JSON", () => {
    const parameters = JSON.parse('{"fields": {"__proto__": {"polluted": true}}}') as Record<string, unknown>;
    const result = validateWorkflow({ nodes: [{ id: "hook", type: "webhook", parameters: {} }, { id: "s", type: "set", parameters }], connections: [] });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: "nodes[1].parameters.fields.__proto__", message: 'node "s" (set): parameter "fields.__proto__": path "__proto__" uses the reserved key "__proto__"' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
