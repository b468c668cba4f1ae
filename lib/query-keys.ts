// The one query-key factory. Realtime events invalidate by these keys, so a key
// built anywhere else would silently miss live updates.
import type { ExecutionStatus } from "@/lib/executions/status";

export type ExecutionListFilters = {
  workflowId?: string;
  status?: ExecutionStatus[];
  /** ISO date-times: startedAt >= from, startedAt < to. */
  from?: string;
  to?: string;
  /** An execution id or the start of one. */
  id?: string;
  /** Only runs of archived workflows ("only"), or none of them ("exclude"). */
  archived?: ArchivedFilter;
  /** Search conditions, as typed (lib/executions/search/parse-search.ts). */
  q?: string;
};

export const ARCHIVED_FILTERS = ["only", "exclude"] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];

export type ExecutionStatsFilters = { hours: number; workflowId?: string };

export const executionKeys = {
  all: ["executions"] as const,
  lists: () => [...executionKeys.all, "list"] as const,
  list: (filters: ExecutionListFilters) => [...executionKeys.lists(), filters] as const,
  // Under lists(): every event that changes a list (a run started or finished) changes the chart too.
  stats: (filters: ExecutionStatsFilters) => [...executionKeys.lists(), "stats", filters] as const,
  details: () => [...executionKeys.all, "detail"] as const,
  detail: (id: string) => [...executionKeys.details(), id] as const,
  // Under lists(): accepted deliveries are executions, so execution events refetch them too.
  deliveries: (workflowId: string, filters: { status?: string; outcome?: string }) => [...executionKeys.lists(), "deliveries", workflowId, filters] as const,
  // Under lists(): a run starting or finishing anywhere may change how many match, or add a re-run.
  count: (filters: ExecutionListFilters) => [...executionKeys.lists(), "count", filters] as const,
  reruns: (id: string) => [...executionKeys.lists(), "reruns", id] as const,
};

export const bulkKeys = {
  all: ["bulk-operations"] as const,
  detail: (id: string) => [...bulkKeys.all, id] as const,
};

export const workflowKeys = {
  all: ["workflows"] as const,
  lists: () => [...workflowKeys.all, "list"] as const,
  list: () => [...workflowKeys.lists(), {}] as const,
  details: () => [...workflowKeys.all, "detail"] as const,
  detail: (id: string) => [...workflowKeys.details(), id] as const,
};
