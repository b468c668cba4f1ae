import type { NodeResult } from "@/lib/engine/types";
import type { RealtimeMessage } from "@/lib/realtime/events";
import { isTerminal, nodeStatusFromResult, type ExecutionStatus } from "../status";

// Every realtime event about an execution, built here from what was saved (never from
// what a runner computed): the status in an event is always the saved status, and `seq` is
// the number the saving statement took for the change (UserEventCounter).

/** The columns every lifecycle verb returns. */
export type SavedExecution = { id: string; userId: string; workflowId: string; status: ExecutionStatus; durationMs: number | null; attempt: number; seq: number };

export function startedEvent(row: { id: string; userId: string; workflowId: string; startedAt: Date; seq: number }): RealtimeMessage {
  return { userId: row.userId, name: "executionStarted", data: { executionId: row.id, workflowId: row.workflowId, startedAt: row.startedAt.toISOString(), seq: row.seq } };
}

/**
 * The write that made a status final announces it (executionCompleted); every other change
 * (parked, resumed, nodes recorded after a cancel) is an executionUpdated.
 */
export function statusEvent(row: SavedExecution, madeFinal = isTerminal(row.status)): RealtimeMessage {
  if (!madeFinal) {
    return { userId: row.userId, name: "executionUpdated", data: { executionId: row.id, workflowId: row.workflowId, status: row.status, attempt: row.attempt, seq: row.seq } };
  }
  return { userId: row.userId, name: "executionCompleted", data: { executionId: row.id, workflowId: row.workflowId, status: row.status, duration: row.durationMs, seq: row.seq } };
}

/** One event per live write of a long run's nodes: its last node. */
export function nodesEvent(owner: { userId: string; executionId: string }, results: readonly NodeResult[], seq: number): RealtimeMessage[] {
  const r = results.at(-1);
  if (!r) return [];
  return [
    {
      userId: owner.userId,
      name: "nodeExecuted",
      data: { executionId: owner.executionId, nodeId: r.nodeId, status: nodeStatusFromResult(r.status), durationMs: Math.round(r.durationMs * 1000) / 1000, seq },
    },
  ];
}
