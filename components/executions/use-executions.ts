"use client";
import { isTerminal } from "@/lib/executions/status";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { executionKeys, type ExecutionStatsFilters } from "@/lib/query-keys";
import { useRealtimeState } from "@/lib/realtime/use-realtime";
import { pollUnlessLive } from "@/lib/realtime/connection-health";
import { fetchApi } from "@/components/data/fetch-api";
import type { ExecutionDetail, ExecutionPage } from "@/components/data/api-types";
import type { ExecutionStats } from "@/lib/executions/execution-stats";
import { executionListQueryString, type ExecutionFilterValues } from "./use-execution-filters";

// Without a live socket, lists and unfinished runs poll (pollUnlessLive) so the screen still moves.
// The chart is per minute: even when live, roll the window on once a minute.
const STATS_POLL_MS = 60_000;

export function useExecutionList(filters: ExecutionFilterValues) {
  const realtime = useRealtimeState();
  return useInfiniteQuery({
    queryKey: executionKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      fetchApi<ExecutionPage>(`/api/executions?${executionListQueryString(filters, pageParam, Date.now())}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: pollUnlessLive(realtime),
  });
}

export function useExecution(id: string) {
  const realtime = useRealtimeState();
  return useQuery({
    queryKey: executionKeys.detail(id),
    queryFn: ({ signal }) => fetchApi<ExecutionDetail>(`/api/executions/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => (query.state.data !== undefined && !isTerminal(query.state.data.status) ? pollUnlessLive(realtime) : false),
  });
}

export function useExecutionStats(filters: ExecutionStatsFilters) {
  const realtime = useRealtimeState();
  return useQuery({
    queryKey: executionKeys.stats(filters),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ hours: String(filters.hours), ...(filters.workflowId ? { workflowId: filters.workflowId } : {}) });
      return fetchApi<ExecutionStats>(`/api/executions/stats?${params}`, { signal });
    },
    refetchInterval: pollUnlessLive(realtime) || STATS_POLL_MS,
    placeholderData: (previous) => previous,
  });
}
