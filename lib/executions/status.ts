// The one status map. Every execution status, its label, colour and finality is
// declared here with Record<Status, …>, so adding a status is a compile error
// everywhere it is not handled. No switch on a status elsewhere.
import type { NodeResultStatus, RunResult } from "@/lib/engine/types";

export const EXECUTION_STATUSES = ["RUNNING", "WAITING", "SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED", "CRASHED"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const NODE_STATUSES = ["SUCCEEDED", "FAILED", "WAITING", "CANCELLED"] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

type StatusInfo = { label: string; terminal: boolean; tone: "blue" | "green" | "red" | "amber" | "gray" };

export const EXECUTION_STATUS_INFO: Record<ExecutionStatus, StatusInfo> = {
  RUNNING: { label: "Running", terminal: false, tone: "blue" },
  // Parked in a durable wait; no process holds it until it resumes.
  WAITING: { label: "Waiting", terminal: false, tone: "amber" },
  SUCCEEDED: { label: "Succeeded", terminal: true, tone: "green" },
  FAILED: { label: "Failed", terminal: true, tone: "red" },
  PARTIAL: { label: "Partial", terminal: true, tone: "amber" },
  CANCELLED: { label: "Cancelled", terminal: true, tone: "gray" },
  // Gave up after the runner died HOOKFLOW_MAX_ATTEMPTS times (lease expired each time).
  CRASHED: { label: "Crashed", terminal: true, tone: "red" },
};

export const NODE_STATUS_INFO: Record<NodeStatus, StatusInfo> = {
  SUCCEEDED: { label: "Succeeded", terminal: true, tone: "green" },
  FAILED: { label: "Failed", terminal: true, tone: "red" },
  WAITING: { label: "Waiting", terminal: false, tone: "amber" },
  CANCELLED: { label: "Cancelled", terminal: true, tone: "gray" },
};

const RUN_RESULT_TO_STATUS: Record<RunResult["status"], ExecutionStatus> = {
  completed: "SUCCEEDED",
  failed: "FAILED",
  partial: "PARTIAL",
  cancelled: "CANCELLED",
  waiting: "WAITING",
};

const NODE_RESULT_TO_STATUS: Record<NodeResultStatus, NodeStatus> = {
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  cancelled: "CANCELLED",
};

export function executionStatusFromRun(status: RunResult["status"]): ExecutionStatus {
  return RUN_RESULT_TO_STATUS[status];
}

export function nodeStatusFromResult(status: NodeResultStatus): NodeStatus {
  return NODE_RESULT_TO_STATUS[status];
}

export function isTerminal(status: ExecutionStatus): boolean {
  return EXECUTION_STATUS_INFO[status].terminal;
}


export function isExecutionStatus(value: string): value is ExecutionStatus {
  return (EXECUTION_STATUSES as readonly string[]).includes(value);
}
