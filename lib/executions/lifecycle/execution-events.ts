import type { NodeResult } from "@/lib/engine/types";
import type { RealtimeMessage } from "@/lib/realtime/events";
import { isTerminal, nodeStatusFromResult, type ExecutionStatus } from "../status";

// Every realtime event about an execution, built here from what was saved (never from
// what a runner computed), so the status in an event is always the saved status.

/** The columns every lifecycle verb returns. */
export type SavedExecution = { id: string; userId: string; workflowId: string; status: ExecutionStatus; durationMs: number | null; attempt: number };

export function startedEvent(row: { id: string; userId: string; workflowId: string; startedAt: Date }): RealtimeMessage {
  return { userId: row.userId, name: "executionStarted", data: { executionId: row.id, workflowId: row.workflowId, startedAt: row.startedAt.toISOString() } };
}

/** A final status (executionCompleted), or a move between RUNNING and WAITING (executionUpdated). */
export function statusEvent(row: SavedExecution): RealtimeMessage {
  if (!isTerminal(row.status)) {
    return { userId: row.userId, name: "executionUpdated", data: { executionId: row.id, workflowId: row.workflowId, status: row.status, attempt: row.attempt } };
  }
  return { userId: row.userId, name: "executionCompleted", data: { executionId: row.id, workflowId: row.workflowId, status: row.status, duration: row.durationMs } };
}

export function nodeEvents(owner: { userId: string; executionId: string }, results: readonly NodeResult[]): RealtimeMessage[] {
  return results.map((r) => ({
    userId: owner.userId,
    name: "nodeExecuted" as const,
    data: { executionId: owner.executionId, nodeId: r.nodeId, status: nodeStatusFromResult(r.status), durationMs: Math.round(r.durationMs * 1000) / 1000 },
  }));
}
