import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { hook, triggerPayload, validated } from "../test-support";
import { validateWorkflow } from "../validate-workflow";

const assign = (id: string, fields: Record<string, unknown>) => ({ id, type: "set", parameters: { keepInput: false, fields } });

/**
 * hook → a ─────────────┐
 * hook → check ─true→ b ┼→ join
 * hook → c ─────────────┘   (b only runs when body.withB is true)
 */
function diamond(merge: Record<string, unknown>) {
  return validated({
    nodes: [
      hook,
      assign("a", { id: 1, from: "a" }),
      { id: "check", type: "if", parameters: { condition: "{{ $json.body.withB }}" } },
      assign("b", { id: 2, from: "b" }),
      assign("c", { id: 1, extra: "c" }),
      { id: "join", type: "merge", parameters: merge },
    ],
    connections: [
      { from: "hook", to: "a" },
      { from: "hook", to: "check" },
      { from: "check", to: "b", output: "true" },
      { from: "hook", to: "c" },
      { from: "a", to: "join" },
      { from: "b", to: "join" },
      { from: "c", to: "join" },
    ],
  });
}

async function joinOf(merge: Record<string, unknown>, withB: boolean) {
  const result = await runWorkflow(diamond(merge), { triggerNodeId: "hook", trigger: triggerPayload({ withB }) });
  expect(result.status).toBe("completed");
  return { result, join: result.nodeResults.find((r) => r.nodeId === "join") };
}

describe("merge node", () => {
  it("append: runs once, after every taken branch, with their data in connection order", async () => {
    const { result, join } = await joinOf({ mode: "append" }, true);
    expect(result.executionPath.filter((id) => id === "join")).toHaveLength(1);
    expect(result.executionPath.indexOf("join")).toBe(result.executionPath.length - 1);
    expect(join?.data).toEqual([
      { id: 1, from: "a" },
      { id: 2, from: "b" },
      { id: 1, extra: "c" },
    ]);
  });

  it("a branch that was not taken does not block the join and is absent from its inputs", async () => {
    const { result, join } = await joinOf({}, false);
    expect(result.executionPath).not.toContain("b");
    expect(join?.status).toBe("succeeded");
    expect(join?.data).toEqual([
      { id: 1, from: "a" },
      { id: 1, extra: "c" },
    ]);
  });

  it("mergeByKey: pairs objects by key, later inputs overriding, order of first appearance", async () => {
    const { join } = await joinOf({ mode: "mergeByKey", key: "id" }, true);
    expect(join?.data).toEqual([
      { id: 1, from: "a", extra: "c" },
      { id: 2, from: "b" },
    ]);
  });

  it("mergeByKey: flattens arrays of objects and keeps items without the key", async () => {
    const workflow = validated({
      nodes: [
        hook,
        assign("orders", { list: [{ o: { id: "x" }, qty: 1 }, { o: { id: "y" }, qty: 2 }, { note: "no key" }] }),
        { id: "items", type: "set", parameters: { keepInput: false, fields: { v: "{{ $json.list }}" } } },
        { id: "unwrap", type: "respond", parameters: { body: "{{ $json.v }}" } },
        assign("prices", { o: { id: "y" }, price: 9 }),
        { id: "join", type: "merge", parameters: { mode: "mergeByKey", key: "o.id" } },
      ],
      connections: [
        { from: "hook", to: "orders" },
        { from: "orders", to: "items" },
        { from: "items", to: "unwrap" },
        { from: "hook", to: "prices" },
        { from: "unwrap", to: "join" },
        { from: "prices", to: "join" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.nodeResults.at(-1)?.data).toEqual([{ o: { id: "x" }, qty: 1 }, { o: { id: "y" }, qty: 2, price: 9 }, { note: "no key" }]);
  });

  it("mergeByKey: fails clearly on an input that is not an object", async () => {
    const workflow = validated({
      nodes: [hook, assign("n", { v: 1 }), { id: "num", type: "respond", parameters: { body: 5 } }, { id: "join", type: "merge", parameters: { mode: "mergeByKey", key: "id" } }],
      connections: [
        { from: "hook", to: "n" },
        { from: "n", to: "num" },
        { from: "num", to: "join" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.status).toBe("failed");
    expect(result.nodeResults.at(-1)?.error?.message).toBe('merge: the input from "num" is a number; mergeByKey needs objects');
  });

  it("passFirst: waits for every taken branch and passes the first one's data", async () => {
    const { result, join } = await joinOf({ mode: "passFirst" }, true);
    expect(result.executionPath.at(-1)).toBe("join");
    expect(join?.data).toEqual({ id: 1, from: "a" });
  });

  it("requires a key in mergeByKey mode", () => {
    const result = validateWorkflow({ nodes: [hook, { id: "join", type: "merge", parameters: { mode: "mergeByKey" } }], connections: [] });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: "nodes[1].parameters.key", message: 'node "join" (merge): parameter "key": is required when mode is "mergeByKey"' },
    ]);
  });
});
