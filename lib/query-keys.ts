// The one query-key factory. Realtime events invalidate by these keys, so a key
// built anywhere else would silently miss live updates.
import type { ExecutionStatus } from "@/lib/executions/status";

export type ExecutionListFilters = {
  workflowId?: string;
  status?: ExecutionStatus[];
};

export const executionKeys = {
  all: ["executions"] as const,
  lists: () => [...executionKeys.all, "list"] as const,
  list: (filters: ExecutionListFilters) => [...executionKeys.lists(), filters] as const,
  details: () => [...executionKeys.all, "detail"] as const,
  detail: (id: string) => [...executionKeys.details(), id] as const,
};

export const workflowKeys = {
  all: ["workflows"] as const,
  lists: () => [...workflowKeys.all, "list"] as const,
  list: () => [...workflowKeys.lists(), {}] as const,
  details: () => [...workflowKeys.all, "detail"] as const,
  detail: (id: string) => [...workflowKeys.details(), id] as const,
};
