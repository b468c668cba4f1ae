"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { workflowKeys } from "@/lib/query-keys";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import type { WorkflowSummary } from "@/components/data/api-types";
import { toast } from "@/components/ui/toast";

// A switch (role="switch"): on = the workflow's webhooks accept requests.
export function ActiveSwitch({ workflow }: { workflow: Pick<WorkflowSummary, "id" | "name" | "active"> }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (active: boolean) => fetchApi<WorkflowSummary>(`/api/workflows/${workflow.id}/${active ? "activate" : "deactivate"}`, { method: "POST" }),
    onSuccess: (_, active) => toast.success(active ? `“${workflow.name}” is active` : `“${workflow.name}” is inactive`, active ? "Its webhooks accept requests." : "Its webhooks answer 404 until it is activated."),
    onError: (error) => toast.error("Could not change the workflow", errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workflowKeys.all }),
  });
  // Optimistic: show the state being asked for while the request is in flight.
  const on = toggle.isPending ? (toggle.variables ?? workflow.active) : workflow.active;
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label={`Active: ${workflow.name}`}
      disabled={toggle.isPending}
      onClick={() => toggle.mutate(!workflow.active)}
      className="group inline-flex items-center gap-2 rounded-md py-1 text-sm font-medium text-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-70"
    >
      <span aria-hidden="true" className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors ${on ? "bg-green-600" : "bg-gray-300"}`}>
        <span className={`inline-block size-4 rounded-full bg-white shadow transition-transform ${on ? "translate-x-4.5" : "translate-x-0.5"}`} />
      </span>
      <span className="w-14 text-left">{on ? "Active" : "Inactive"}</span>
    </button>
  );
}
