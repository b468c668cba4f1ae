import type { NodeRun, WorkflowSnapshot } from "@/components/data/api-types";
import type { NodeStatus } from "@/lib/executions/status";

export const COLUMN_WIDTH = 240;
export const ROW_HEIGHT = 96;

// RUNNING: no row yet, but the run is in this node right now (running-node.ts).
export type GraphNodeStatus = NodeStatus | "NOT_RUN" | "RUNNING";

export type GraphNodeModel = {
  id: string;
  type: string;
  x: number;
  y: number;
  status: GraphNodeStatus;
  runs: number;
  durationMs: number | null;
};

export type GraphEdgeModel = { id: string; from: string; to: string; output: string | null; taken: boolean };

// Longest-path depth from the roots (Kahn's order), so every edge points rightwards.
export function topologicalDepths(nodeIds: string[], connections: { from: string; to: string }[]): Map<string, number> {
  const depth = new Map(nodeIds.map((id) => [id, 0]));
  const incoming = new Map(nodeIds.map((id) => [id, 0]));
  const outgoing = new Map<string, string[]>();
  for (const c of connections) {
    if (!depth.has(c.from) || !depth.has(c.to)) continue;
    incoming.set(c.to, (incoming.get(c.to) ?? 0) + 1);
    outgoing.set(c.from, [...(outgoing.get(c.from) ?? []), c.to]);
  }
  const queue = nodeIds.filter((id) => incoming.get(id) === 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of outgoing.get(id) ?? []) {
      depth.set(next, Math.max(depth.get(next) ?? 0, (depth.get(id) ?? 0) + 1));
      const left = (incoming.get(next) ?? 0) - 1;
      incoming.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  return depth;
}

function layoutPositions(snapshot: WorkflowSnapshot): Map<string, { x: number; y: number }> {
  const ids = snapshot.nodes.map((n) => n.id);
  const depths = topologicalDepths(ids, snapshot.connections);
  const parents = new Map<string, string[]>();
  for (const c of snapshot.connections) parents.set(c.to, [...(parents.get(c.to) ?? []), c.from]);
  const layers: string[][] = [];
  for (const id of ids) (layers[depths.get(id) ?? 0] ??= []).push(id);
  const positions = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, depth) => {
    // Order a column by its parents' heights (barycenter) so branches do not cross needlessly.
    const weight = (id: string) => {
      const ys = (parents.get(id) ?? []).map((p) => positions.get(p)?.y).filter((y): y is number => y !== undefined);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
    };
    const sorted = depth === 0 ? layer : [...layer].sort((a, b) => weight(a) - weight(b));
    sorted.forEach((id, i) => positions.set(id, { x: depth * COLUMN_WIDTH, y: (i - (sorted.length - 1) / 2) * ROW_HEIGHT }));
  });
  return positions;
}

export function buildGraph(
  snapshot: WorkflowSnapshot,
  runs: NodeRun[],
  executionPath: string[],
  runningNodeId: string | null = null,
): { nodes: GraphNodeModel[]; edges: GraphEdgeModel[] } {
  const computed = layoutPositions(snapshot);
  const runsById = new Map<string, NodeRun[]>();
  for (const run of runs) runsById.set(run.nodeId, [...(runsById.get(run.nodeId) ?? []), run]);

  // Where each node first and last ran; the path is the truth once written, start times while live.
  const order = executionPath.length ? executionPath : runs.map((r) => r.nodeId);
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  order.forEach((id, i) => {
    if (!first.has(id)) first.set(id, i);
    last.set(id, i);
  });

  const nodes = snapshot.nodes.map((n): GraphNodeModel => {
    const nodeRuns = runsById.get(n.id) ?? [];
    // A failed try wins; otherwise the latest row says it (SUCCEEDED, WAITING, CANCELLED).
    const status: GraphNodeStatus = n.id === runningNodeId ? "RUNNING" : nodeRuns.length === 0 ? "NOT_RUN" : nodeRuns.some((r) => r.status === "FAILED") ? "FAILED" : nodeRuns[nodeRuns.length - 1]!.status;
    const position = n.position ?? computed.get(n.id) ?? { x: 0, y: 0 };
    const durationMs = nodeRuns.length ? nodeRuns.reduce((sum, r) => sum + r.durationMs, 0) : null;
    return { id: n.id, type: n.type, x: position.x, y: position.y, status, runs: nodeRuns.length, durationMs };
  });

  // An edge counts as taken when both ends ran, source first, and the source took that edge's
  // output (node rows store the branch they took; rows from before that was stored have none).
  const edges = snapshot.connections.map((c, i): GraphEdgeModel => {
    const from = first.get(c.from);
    const to = last.get(c.to);
    const chose = runsById.get(c.from)?.at(-1)?.outputName;
    const sameOutput = chose === undefined || chose === null || chose === (c.output ?? "main");
    return { id: `e${i}-${c.from}-${c.to}`, from: c.from, to: c.to, output: c.output ?? null, taken: from !== undefined && to !== undefined && from < to && sameOutput };
  });
  return { nodes, edges };
}
