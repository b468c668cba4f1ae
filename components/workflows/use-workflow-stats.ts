"use client";
import { useQuery } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { fetchApi } from "@/components/data/fetch-api";
import type { WorkflowStats } from "./workflow-types";

// Under the executions list prefix on purpose: every executionStarted / executionCompleted
// event invalidates executionKeys.lists(), so the counts and last status follow live.
export const workflowStatsKey = [...executionKeys.lists(), "workflow-stats-24h"] as const;

export function useWorkflowStats() {
  return useQuery({
    queryKey: workflowStatsKey,
    queryFn: ({ signal }) => fetchApi<{ items: WorkflowStats[] }>("/api/workflows/stats", { signal }),
    select: (data) => new Map(data.items.map((s) => [s.workflowId, s])),
    // The 24 h window slides even when nothing happens.
    refetchInterval: 60_000,
  });
}
