// Channel and event names shared by the publisher (server) and the browser hook.
// Events are refetch signals: small, ids and status only (Pusher caps messages at 10 KB).
import type { ExecutionStatus, NodeStatus } from "@/lib/executions/status";

export function userChannel(userId: string): string {
  return `private-user-${userId}`;
}

export const USER_CHANNEL_PATTERN = /^private-user-([0-9a-f-]{36})$/;

export type RealtimeEvents = {
  executionStarted: { executionId: string; workflowId: string; startedAt: string };
  nodeExecuted: { executionId: string; nodeId: string; status: NodeStatus; durationMs: number };
  executionCompleted: { executionId: string; workflowId: string; status: ExecutionStatus; duration: number | null };
  /** A run that is not over changed status: parked (WAITING) or resumed (RUNNING, a new attempt). */
  executionUpdated: { executionId: string; workflowId: string; status: ExecutionStatus; attempt: number };
};

export type RealtimeEventName = keyof RealtimeEvents;

export const REALTIME_EVENT_NAMES: RealtimeEventName[] = ["executionStarted", "nodeExecuted", "executionCompleted", "executionUpdated"];

export type RealtimeMessage = {
  [K in RealtimeEventName]: { userId: string; name: K; data: RealtimeEvents[K] };
}[RealtimeEventName];
