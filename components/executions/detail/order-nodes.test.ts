import { describe, expect, it } from "vitest";
import type { NodeRun } from "@/components/data/api-types";
import { orderNodeRuns } from "./order-nodes";

const at = "2026-01-01T12:00:00.000Z";
function run(nodeId: string, startedAt = at, runIndex = 0): NodeRun {
  return { id: `${nodeId}-${runIndex}`, nodeId, nodeType: "set", runIndex, attempt: 1, status: "SUCCEEDED", startedAt, finishedAt: startedAt, durationMs: 0.1, input: null, output: null, error: null };
}

describe("orderNodeRuns", () => {
  it("breaks same-millisecond ties with the execution path", () => {
    const ordered = orderNodeRuns([run("calc"), run("hook")], ["hook", "calc"]);
    expect(ordered.map((n) => n.nodeId)).toEqual(["hook", "calc"]);
  });

  it("places repeated runs of a node by occurrence", () => {
    const ordered = orderNodeRuns([run("b", at, 1), run("a"), run("b")], ["a", "b", "b"]);
    expect(ordered.map((n) => `${n.nodeId}${n.runIndex}`)).toEqual(["a0", "b0", "b1"]);
  });

  it("falls back to start time for nodes not in the path yet", () => {
    const ordered = orderNodeRuns([run("late", "2026-01-01T12:00:01.000Z"), run("early")], []);
    expect(ordered.map((n) => n.nodeId)).toEqual(["early", "late"]);
  });
});
