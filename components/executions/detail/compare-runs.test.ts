import { describe, expect, it } from "vitest";
import type { NodeRun } from "@/components/data/api-types";
import { compareRuns, deepEqual, diffJson } from "./compare-runs";

function run(nodeId: string, output: unknown, status: NodeRun["status"] = "SUCCEEDED"): NodeRun {
  const at = "2026-01-01T12:00:00.000Z";
  return { id: nodeId, nodeId, nodeType: "set", runIndex: 0, attempt: 1, status, startedAt: at, finishedAt: at, durationMs: 1, input: null, output, error: null };
}

describe("deepEqual", () => {
  it("ignores key order and compares arrays by position", () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});

describe("diffJson", () => {
  it("lists leaf changes with their paths", () => {
    expect(diffJson({ tier: "priority", keep: 1, gone: true }, { tier: "standard", keep: 1, fresh: [1] })).toEqual([
      { path: "/tier", kind: "changed", before: "priority", after: "standard" },
      { path: "/gone", kind: "removed", before: true },
      { path: "/fresh", kind: "added", after: [1] },
    ]);
  });
});

describe("compareRuns", () => {
  it("marks added, removed, changed and unchanged nodes", () => {
    const changes = compareRuns(
      [run("webhook", { a: 1 }), run("is-large", { x: 1 }), run("priority", { tier: "priority" })],
      [run("webhook", { a: 1 }), run("is-large", { x: 2 }), run("standard", { tier: "standard" })],
    );
    expect(changes.map((c) => [c.nodeId, c.kind])).toEqual([
      ["webhook", "unchanged"],
      ["is-large", "changed"],
      ["standard", "added"],
      ["priority", "removed"],
    ]);
  });

  it("counts a status change as a change", () => {
    const [change] = compareRuns([run("a", null)], [run("a", null, "FAILED")]);
    expect(change).toMatchObject({ kind: "changed", statusChanged: true });
  });
});
