"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { workflowKeys } from "@/lib/query-keys";
import { fetchApi } from "@/components/data/fetch-api";
import type { WorkflowDetail } from "../workflow-types";

export function useWorkflow(id: string) {
  return useQuery({
    queryKey: workflowKeys.detail(id),
    queryFn: ({ signal }) => fetchApi<WorkflowDetail>(`/api/workflows/${encodeURIComponent(id)}`, { signal }),
  });
}

// PUT a whole definition (a new version). The answer is the saved workflow; it replaces the
// cached detail at once and every list refetches.
export function useSaveWorkflow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: unknown) => fetchApi<WorkflowDetail>(`/api/workflows/${encodeURIComponent(id)}`, { method: "PUT", body: definition }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(workflowKeys.detail(id), saved);
      await queryClient.invalidateQueries({ queryKey: workflowKeys.lists() });
    },
  });
}

// What the editor shows and saves: the definition without server-owned fields.
// "active" is left out so that saving never flips it; the switch owns it.
// Keys are put back in reading order: the database (jsonb) stores them sorted by length.
export function editableDefinition(workflow: WorkflowDetail) {
  return {
    name: workflow.name,
    nodes: workflow.nodes.map(({ id, type, name, parameters, settings, position, ...rest }) => ({ id, type, name, ...rest, parameters, settings, position })),
    connections: workflow.connections.map(({ from, to, output }) => ({ from, to, output })),
    settings: workflow.settings ?? {},
  };
}

export function definitionText(workflow: WorkflowDetail): string {
  return JSON.stringify(editableDefinition(workflow), null, 2);
}
