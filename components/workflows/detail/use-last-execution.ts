"use client";
import { useQuery } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { fetchApi } from "@/components/data/fetch-api";
import type { ExecutionDetail, ExecutionPage } from "@/components/data/api-types";

// The builder's sample data: the newest execution of this workflow with its node inputs and
// outputs. Keys sit under the execution keys, so a finished run (a realtime event) refreshes it.
export function useLastExecution(workflowId: string): { execution: ExecutionDetail | null; settled: boolean } {
  const latest = useQuery({
    queryKey: [...executionKeys.lists(), { workflowId, recent: 1 }],
    queryFn: ({ signal }) => fetchApi<ExecutionPage>(`/api/executions?workflowId=${workflowId}&limit=1`, { signal }),
  });
  const id = latest.data?.items[0]?.id;
  const detail = useQuery({
    queryKey: executionKeys.detail(id ?? ""),
    queryFn: ({ signal }) => fetchApi<ExecutionDetail>(`/api/executions/${id}`, { signal }),
    enabled: id !== undefined,
  });
  if (latest.isPending) return { execution: null, settled: false };
  if (id === undefined) return { execution: null, settled: true };
  return { execution: detail.data ?? null, settled: !detail.isPending };
}
