import { describe, expect, it } from "vitest";
import type { ExecutionDetail, NodeRun, WorkflowSnapshot } from "@/components/data/api-types";
import { findRunningNode } from "./running-node";

const snapshot: WorkflowSnapshot = {
  version: 1,
  name: "Orders",
  nodes: ["webhook", "enrich", "pause", "is-large", "priority", "standard"].map((id) => ({ id, type: "set", parameters: {} })),
  connections: [
    { from: "webhook", to: "enrich" },
    { from: "enrich", to: "pause" },
    { from: "pause", to: "is-large" },
    { from: "is-large", to: "priority", output: "true" },
    { from: "is-large", to: "standard", output: "false" },
  ],
};

function row(nodeId: string, finishedAt: string, extra: Partial<NodeRun> = {}): NodeRun {
  return {
    id: nodeId, nodeId, nodeType: "set", runIndex: 0, status: "SUCCEEDED", attempt: 1, outputName: "main",
    startedAt: finishedAt, finishedAt, durationMs: 1, input: null, output: null, error: null, ...extra,
  };
}

const execution = (status: ExecutionDetail["status"], nodes: NodeRun[]) => ({ status, snapshot, nodes, triggerNodeId: "webhook", startedAt: "2026-12-02T10:00:00.000Z" });

describe("findRunningNode", () => {
  it("is the trigger before any row is saved", () => {
    expect(findRunningNode(execution("RUNNING", []))).toEqual({ nodeId: "webhook", since: "2026-12-02T10:00:00.000Z" });
  });

  it("is the next node on the path after the last saved one, since its input finished", () => {
    const rows = [row("webhook", "2026-12-02T10:00:00.010Z"), row("enrich", "2026-12-02T10:00:00.020Z")];
    expect(findRunningNode(execution("RUNNING", rows))).toEqual({ nodeId: "pause", since: "2026-12-02T10:00:00.020Z" });
  });

  it("follows the branch the saved node took, not the first connection", () => {
    const rows = ["webhook", "enrich", "pause"].map((id) => row(id, "2026-12-02T10:00:01.000Z")).concat(row("is-large", "2026-12-02T10:00:01.500Z", { outputName: "false" }));
    expect(findRunningNode(execution("RUNNING", rows))?.nodeId).toBe("standard");
  });

  it("is none for a waiting run (its wait node has a WAITING row) or a finished one", () => {
    const rows = [row("webhook", "2026-12-02T10:00:00.010Z"), row("enrich", "2026-12-02T10:00:00.020Z"), row("pause", "2026-12-02T10:00:00.030Z", { status: "WAITING" })];
    expect(findRunningNode(execution("WAITING", rows))).toBeNull();
    expect(findRunningNode(execution("SUCCEEDED", rows))).toBeNull();
    expect(findRunningNode(execution("CANCELLED", rows))).toBeNull();
  });

  it("is none once every reachable node has a row (the final write is on its way)", () => {
    const rows = ["webhook", "enrich", "pause"].map((id) => row(id, "2026-12-02T10:00:01.000Z")).concat(row("is-large", "2026-12-02T10:00:01.500Z", { outputName: "true" }), row("priority", "2026-12-02T10:00:01.600Z"));
    expect(findRunningNode(execution("RUNNING", rows))).toBeNull();
  });
});
