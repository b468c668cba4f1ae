"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { executionKeys, workflowKeys } from "@/lib/query-keys";
import { fetchApi } from "@/components/data/fetch-api";
import type { WorkflowDetail } from "../workflow-types";
import type { Definition } from "./diff-definitions";

export type VersionSummary = { id: string; version: number; name: string; createdAt: string; executions: number };
export type VersionDetail = Definition & { id: string; version: number; createdAt: string };

// Each version shows how many runs it ran, so the list lives under the execution lists key that
// realtime events invalidate; the current version is part of the key, so a save refetches it too.
export function useVersions(workflowId: string, current: number) {
  return useQuery({
    queryKey: [...executionKeys.lists(), { workflowVersionsOf: workflowId, current }],
    queryFn: ({ signal }) => fetchApi<{ items: VersionSummary[] }>(`/api/workflows/${workflowId}/versions`, { signal }),
  });
}

/** Saved versions never change, so one fetched is kept for the session. */
export function useVersion(workflowId: string, version: number | null) {
  return useQuery({
    queryKey: [...workflowKeys.detail(workflowId), "version", version],
    queryFn: ({ signal }) => fetchApi<VersionDetail>(`/api/workflows/${workflowId}/versions/${version}`, { signal }),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

export function useRestoreVersion(workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => fetchApi<WorkflowDetail>(`/api/workflows/${workflowId}/versions/${version}/restore`, { method: "POST" }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(workflowKeys.detail(workflowId), saved);
      await queryClient.invalidateQueries({ queryKey: workflowKeys.lists() });
    },
  });
}
