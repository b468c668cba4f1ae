import type { NodeRun } from "@/components/data/api-types";

// Execution order. startedAt alone is not enough: nodes of a fast run share a
// millisecond, so the recorded executionPath breaks ties. The k-th occurrence of a
// node id in the path is its run with runIndex k.
export function orderNodeRuns(nodes: NodeRun[], executionPath: string[]): NodeRun[] {
  const position = new Map<string, number>();
  const seen = new Map<string, number>();
  executionPath.forEach((nodeId, index) => {
    const occurrence = seen.get(nodeId) ?? 0;
    seen.set(nodeId, occurrence + 1);
    position.set(`${nodeId}#${occurrence}`, index);
  });
  const pos = (n: NodeRun) => position.get(`${n.nodeId}#${n.runIndex}`);
  return [...nodes].sort((a, b) => {
    const pa = pos(a);
    const pb = pos(b);
    if (pa !== undefined && pb !== undefined && pa !== pb) return pa - pb;
    const byTime = Date.parse(a.startedAt) - Date.parse(b.startedAt);
    return byTime !== 0 ? byTime : a.runIndex - b.runIndex;
  });
}
