"use client";
import { useQuery } from "@tanstack/react-query";
import { workflowKeys } from "@/lib/query-keys";
import { fetchApi } from "@/components/data/fetch-api";
import type { WorkflowList } from "@/components/data/api-types";

export function useWorkflows() {
  return useQuery({
    queryKey: workflowKeys.list(),
    queryFn: ({ signal }) => fetchApi<WorkflowList>("/api/workflows", { signal }),
    select: (data) => data.items,
  });
}
