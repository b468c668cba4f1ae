import { describe, expect, it } from "vitest";
import type { NodeRun, WorkflowSnapshot } from "@/components/data/api-types";
import { buildGraph, COLUMN_WIDTH, topologicalDepths } from "./graph-layout";

const snapshot: WorkflowSnapshot = {
  version: 1,
  name: "Order received",
  nodes: [
    { id: "webhook", type: "webhook", parameters: {} },
    { id: "is-large", type: "if", parameters: {} },
    { id: "priority", type: "respond", parameters: {} },
    { id: "standard", type: "respond", parameters: {} },
  ],
  connections: [
    { from: "webhook", to: "is-large" },
    { from: "is-large", to: "priority", output: "true" },
    { from: "is-large", to: "standard", output: "false" },
  ],
};

function run(nodeId: string, status: NodeRun["status"] = "SUCCEEDED"): NodeRun {
  const at = "2026-01-01T12:00:00.000Z";
  return { id: nodeId, nodeId, nodeType: "set", runIndex: 0, attempt: 1, status, startedAt: at, finishedAt: at, durationMs: 1, input: null, output: null, error: null };
}

describe("topologicalDepths", () => {
  it("uses the longest path, so a join sits right of both branches", () => {
    const depths = topologicalDepths(["a", "b", "c", "d"], [
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "a", to: "d" },
      { from: "c", to: "d" },
    ]);
    expect(Object.fromEntries(depths)).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });
});

describe("buildGraph", () => {
  it("lays nodes out left to right and colours them by this run", () => {
    const graph = buildGraph(snapshot, [run("webhook"), run("is-large"), run("priority", "FAILED")], ["webhook", "is-large", "priority"]);
    const byId = Object.fromEntries(graph.nodes.map((n) => [n.id, n]));
    expect(byId.webhook!.x).toBe(0);
    expect(byId.priority!.x).toBe(2 * COLUMN_WIDTH);
    expect(byId.priority!.status).toBe("FAILED");
    expect(byId.standard!.status).toBe("NOT_RUN");
    expect(graph.edges.filter((e) => e.taken).map((e) => e.to)).toEqual(["is-large", "priority"]);
  });

  it("keeps a stored position", () => {
    const withPosition = { ...snapshot, nodes: snapshot.nodes.map((n) => (n.id === "webhook" ? { ...n, position: { x: -50, y: 7 } } : n)) };
    const graph = buildGraph(withPosition, [], []);
    expect(graph.nodes[0]).toMatchObject({ x: -50, y: 7 });
  });
});
