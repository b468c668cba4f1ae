import type { ExecutionDetail, NodeRun } from "@/components/data/api-types";
import { sortTopologically } from "@/lib/engine/build-plan";

export type RunningNode = { nodeId: string; since: string };

type Execution = Pick<ExecutionDetail, "status" | "snapshot" | "nodes" | "triggerNodeId" | "startedAt">;

// Rows store the branch a node took; rows from before that was stored have none (take any).
const took = (row: NodeRun, output: string) => row.outputName === undefined || row.outputName === null || row.outputName === output;

/**
 * The node a RUNNING execution is in right now, derived the way the engine walks the graph:
 * snapshot nodes in topological order (ties by definition order, the engine's own sort), from
 * the trigger, skipping nodes no taken branch reaches; the first reachable node without a saved
 * row is the one running. Only RUNNING: a WAITING run's wait node has its own WAITING row, and a
 * finished run has no running node.
 */
export function findRunningNode(execution: Execution): RunningNode | null {
  const { snapshot } = execution;
  if (execution.status !== "RUNNING" || !snapshot) return null;
  const ids = snapshot.nodes.map((n) => n.id);
  const connections = snapshot.connections.map((c) => ({ from: c.from, to: c.to, output: c.output ?? "main" }));
  const sorted = sortTopologically(ids, connections);
  if (!sorted.ok) return null;
  const order = sorted.order.map((i) => ids[i]!);
  const start = order.indexOf(execution.triggerNodeId);
  if (start < 0) return null;

  const latest = new Map<string, NodeRun>();
  for (const row of [...execution.nodes].sort((a, b) => a.runIndex - b.runIndex)) latest.set(row.nodeId, row);
  if (!latest.has(execution.triggerNodeId)) return { nodeId: execution.triggerNodeId, since: execution.startedAt };

  for (const nodeId of order.slice(start + 1)) {
    const inputs = connections.flatMap((c) => {
      const from = latest.get(c.from);
      return c.to === nodeId && from && took(from, c.output) ? [from] : [];
    });
    if (inputs.length === 0 || latest.has(nodeId)) continue;
    const since = inputs.map((r) => r.finishedAt).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
    return { nodeId, since };
  }
  return null;
}
