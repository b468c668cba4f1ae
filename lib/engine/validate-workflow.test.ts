import { describe, expect, it } from "vitest";
import { NODE_HANDLERS } from "./nodes/registry";
import { validateWorkflow } from "./validate-workflow";

const hook = { id: "hook", type: "webhook", parameters: {} };
const set = (id: string) => ({ id, type: "set", parameters: { fields: { x: 1 } } });

function issuesOf(definition: unknown) {
  const result = validateWorkflow(definition);
  if (result.ok) throw new Error("expected the workflow to be invalid");
  return result.issues;
}

describe("validateWorkflow: valid definitions", () => {
  it("returns a plan: topological order, parents, children per output, defaulted parameters", () => {
    const result = validateWorkflow({
      nodes: [set("done"), { id: "check", type: "if", parameters: { condition: "{{ $json.ok }}" } }, set("no"), hook],
      connections: [
        { from: "hook", to: "check" },
        { from: "check", to: "done", output: "true" },
        { from: "check", to: "no", output: "false" },
        { from: "no", to: "done" },
      ],
      settings: null,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { plan } = result.workflow;
    expect(plan.order).toEqual(["hook", "check", "no", "done"]);
    expect(plan.triggers).toEqual(["hook"]);
    const byId = (id: string) => plan.steps[plan.indexById.get(id) ?? -1];
    expect(byId("check")?.children).toEqual({ true: ["done"], false: ["no"] });
    expect(byId("done")?.parents).toEqual(["check", "no"]);
    expect(byId("done")?.incoming).toEqual([
      { from: plan.indexById.get("check"), output: "true" },
      { from: plan.indexById.get("no"), output: "main" },
    ]);
    expect(byId("hook")?.parameters).toEqual({ methods: ["POST"], responseMode: "lastNode" });
    expect(byId("no")?.parameters).toEqual({ fields: { x: 1 }, remove: [], keepInput: true });
    expect(result.workflow.settings).toBeUndefined();
  });

  it("registers every handler under its own type", () => {
    for (const [key, handler] of Object.entries(NODE_HANDLERS)) expect(handler.type).toBe(key);
  });
});

describe("validateWorkflow: issues", () => {
  it("reports shape errors with their path", () => {
    expect(issuesOf({ nodes: "no" })).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "nodes" }), expect.objectContaining({ path: "connections" })]),
    );
    expect(issuesOf({ nodes: [{ type: "set", parameters: {} }], connections: [] })).toEqual([
      expect.objectContaining({ path: "nodes[0].id" }),
    ]);
  });

  it("names an unknown node type, including inherited property names", () => {
    expect(issuesOf({ nodes: [hook, { id: "x", type: "foo", parameters: {} }], connections: [] })).toEqual([
      { path: "nodes[1].type", message: 'node "x": unknown type "foo"' },
    ]);
    expect(issuesOf({ nodes: [hook, { id: "y", type: "toString", parameters: {} }], connections: [] })).toEqual([
      { path: "nodes[1].type", message: 'node "y": unknown type "toString"' },
    ]);
  });

  it("reports parameter schema errors at the parameter's path", () => {
    const issues = issuesOf({ nodes: [hook, set("a"), { id: "check", type: "if", parameters: {} }], connections: [] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("nodes[2].parameters.condition");
    expect(issues[0]?.message).toMatch(/^node "check" \(if\): parameter "condition": /);
  });

  it.each([
    ["/leading", "must not start with '/'"],
    ["a/../b", "must not contain '..'"],
    ["sp ace", "may only contain letters"],
    ["x".repeat(201), "Too big"],
  ])("rejects the webhook path %j", (path, message) => {
    const issues = issuesOf({ nodes: [{ id: "hook", type: "webhook", parameters: { path } }], connections: [] });
    expect(issues).toEqual([{ path: "nodes[0].parameters.path", message: expect.stringContaining(message) as string }]);
  });

  it("rejects unknown webhook methods and response modes", () => {
    const issues = issuesOf({
      nodes: [{ id: "hook", type: "webhook", parameters: { methods: ["POST", "TRACE"], responseMode: "later" } }],
      connections: [],
    });
    expect(issues.map((i) => i.path)).toEqual(["nodes[0].parameters.methods[1]", "nodes[0].parameters.responseMode"]);
  });

  it("rejects set field paths that would reach the prototype", () => {
    const issues = issuesOf({ nodes: [hook, { id: "s", type: "set", parameters: { fields: { "__proto__.polluted": 1 } } }], connections: [] });
    expect(issues[0]?.message).toContain('uses the reserved key "__proto__"');
  });

  it("reports expression syntax errors at validation time", () => {
    const issues = issuesOf({ nodes: [hook, { id: "check", type: "if", parameters: { condition: "{{ $json.a + }}" } }], connections: [] });
    expect(issues).toEqual([
      {
        path: "nodes[1].parameters.condition",
        message: 'node "check" (if): Parameter "condition": expression "{{ $json.a + }}" failed: Unexpected end of expression',
      },
    ]);
  });

  it("reports duplicate node ids", () => {
    expect(issuesOf({ nodes: [hook, set("a"), set("a")], connections: [] })).toEqual([
      { path: "nodes[2].id", message: 'duplicate node id "a" (also used by nodes[1])' },
    ]);
  });

  it("reports connections from or to a missing node", () => {
    expect(issuesOf({ nodes: [hook, set("a")], connections: [{ from: "ghost", to: "a" }, { from: "hook", to: "nowhere" }] })).toEqual([
      { path: "connections[0].from", message: 'connection from "ghost" to "a": node "ghost" does not exist' },
      { path: "connections[1].to", message: 'connection from "hook" to "nowhere": node "nowhere" does not exist' },
    ]);
  });

  it("reports an output the source node type does not have", () => {
    const check = { id: "check", type: "if", parameters: { condition: true } };
    expect(issuesOf({ nodes: [hook, check, set("a")], connections: [{ from: "hook", to: "check" }, { from: "check", to: "a", output: "maybe" }] })).toEqual([
      { path: "connections[1].output", message: 'connection from "check" to "a": node "check" (if) has no output "maybe"; its outputs are "true", "false"' },
    ]);
    // Without an output name an if connection means "main", which an if does not have.
    expect(issuesOf({ nodes: [hook, check, set("a")], connections: [{ from: "hook", to: "check" }, { from: "check", to: "a" }] })[0]?.message).toContain(
      'has no output "main"',
    );
  });

  it("names the nodes of a cycle", () => {
    const issues = issuesOf({
      nodes: [hook, set("a"), set("b"), set("c"), set("tail")],
      connections: [
        { from: "hook", to: "a" },
        { from: "a", to: "b" },
        { from: "b", to: "c" },
        { from: "c", to: "a" },
        { from: "c", to: "tail" },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("connections");
    // Any rotation of a → b → c → a names the same cycle; the tail downstream of it is not part of it.
    expect(issues[0]?.message).toMatch(/^cycle: /);
    const ids = issues[0]?.message.match(/"([^"]+)"/g)?.map((s) => s.slice(1, -1)) ?? [];
    expect(new Set(ids)).toEqual(new Set(["a", "b", "c"]));
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(ids[3]);
    const edges = new Set(["a>b", "b>c", "c>a"]);
    for (let i = 0; i < 3; i++) expect(edges.has(`${ids[i]}>${ids[i + 1]}`)).toBe(true);
  });

  it("names a node connected to itself as a cycle", () => {
    expect(issuesOf({ nodes: [hook, set("a")], connections: [{ from: "hook", to: "a" }, { from: "a", to: "a" }] })).toEqual([
      { path: "connections", message: 'cycle: "a" → "a"' },
    ]);
  });

  it("requires a trigger node", () => {
    expect(issuesOf({ nodes: [set("a")], connections: [] })).toEqual([
      { path: "nodes", message: "workflow has no trigger node (add one of: webhook)" },
    ]);
    expect(issuesOf({ nodes: [], connections: [] })).toHaveLength(1);
  });

  it("rejects incoming connections to a webhook", () => {
    expect(issuesOf({ nodes: [hook, set("a")], connections: [{ from: "a", to: "hook" }] })).toEqual([
      { path: "connections[0].to", message: 'connection from "a" to "hook": node "hook" is a webhook trigger and cannot have incoming connections' },
    ]);
  });

  it("reports several problems at once", () => {
    const issues = issuesOf({ nodes: [set("a"), { id: "b", type: "foo", parameters: {} }], connections: [{ from: "a", to: "zzz" }] });
    expect(issues.map((i) => i.path)).toEqual(["nodes[1].type", "connections[0].to", "nodes"]);
  });
});
