// Channel and event names shared by the publisher (server) and the browser hook.
// Events are refetch signals: small, ids and status only (Pusher caps messages at 10 KB).
import type { ExecutionStatus, NodeStatus } from "@/lib/executions/status";
import type { BulkOperationStatus } from "@/lib/generated/prisma/enums";

export function userChannel(userId: string): string {
  return `private-user-${userId}`;
}

export const USER_CHANNEL_PATTERN = /^private-user-([0-9a-f-]{36})$/;

// `seq`: the owner's event number of the change (per user, +1 per committed change of any of
// their executions, gapless, in commit order). A client that sees a jump missed something and
// catches up with GET /api/events?after=<last seq it applied>.
export type RealtimeEvents = {
  executionStarted: { executionId: string; workflowId: string; startedAt: string; seq: number };
  /** Long runs only, as their nodes are written: the last node of that write. */
  nodeExecuted: { executionId: string; nodeId: string; status: NodeStatus; durationMs: number; seq: number };
  executionCompleted: { executionId: string; workflowId: string; status: ExecutionStatus; duration: number | null; seq: number };
  /** Any other change: parked (WAITING), resumed (RUNNING, a new attempt), nodes recorded after a cancel. */
  executionUpdated: { executionId: string; workflowId: string; status: ExecutionStatus; attempt: number; seq: number };
  /** A bulk operation moved on (throttled) or finished. No seq: polling while it runs covers a lost one. */
  bulkOperationUpdated: { operationId: string; status: BulkOperationStatus; total: number; processed: number };
};

export type RealtimeEventName = keyof RealtimeEvents;

export const REALTIME_EVENT_NAMES: RealtimeEventName[] = ["executionStarted", "nodeExecuted", "executionCompleted", "executionUpdated", "bulkOperationUpdated"];

export type RealtimeMessage = {
  [K in RealtimeEventName]: { userId: string; name: K; data: RealtimeEvents[K] };
}[RealtimeEventName];
