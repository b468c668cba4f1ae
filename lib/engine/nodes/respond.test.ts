import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { validateWorkflow } from "../validate-workflow";
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
    expect(result.error?.message).toContain('status must be an integer from 200 to 599, got "teapot"');
  });

  it.each([
    ["set-cookie", "hookflow_session=attacker"],
    ["Set-Cookie2", "a=b"],
    ["content-security-policy", "default-src *"],
    ["content-security-policy-report-only", "default-src *"],
    ["service-worker-allowed", "/"],
    ["clear-site-data", '"*"'],
    ["access-control-allow-credentials", "true"],
    ["x-content-type-options", "none"],
    ["strict-transport-security", "max-age=0"],
    ["transfer-encoding", "chunked"],
    ["proxy-authenticate", "Basic"],
    ["content-length", "1"],
    ["bad header", "x"],
  ])("refuses the header %s at save, with a message naming it", (name, value) => {
    const checked = validateWorkflow({ nodes: [hook, { id: "reply", type: "respond", parameters: { headers: { [name]: value } } }], connections: [{ from: "hook", to: "reply" }] });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.message).join("\n")).toContain(`"${name.includes(" ") ? name : name.toLowerCase()}"`);
  });

  it("refuses a literal header value with CR/LF at save, and accepts HTML with a plain content-type", () => {
    const bad = validateWorkflow({ nodes: [hook, { id: "reply", type: "respond", parameters: { headers: { "x-a": "a\r\nset-cookie: s=1" } } }], connections: [{ from: "hook", to: "reply" }] });
    expect(bad.ok).toBe(false);
    const html = validateWorkflow({ nodes: [hook, { id: "reply", type: "respond", parameters: { headers: { "content-type": "text/html", "access-control-allow-origin": "*" }, body: "<p>hi</p>" } }], connections: [{ from: "hook", to: "reply" }] });
    expect(html.ok).toBe(true);
  });

  it("fails the node when an expression puts CR/LF or NUL into a header value", async () => {
    for (const injected of ["a\r\nset-cookie: hookflow_session=x", "a\u0000b", "\u0100"]) {
      const workflow = validated({ nodes: [hook, { id: "reply", type: "respond", parameters: { headers: { "x-note": "{{ $json.body.note }}" } } }], connections: [{ from: "hook", to: "reply" }] });
      const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ note: injected }) });
      expect(result.status).toBe("failed");
      expect(result.response).toBeUndefined();
      expect(result.error?.message).toContain('header "x-note" has an invalid value');
    }
  });
});
