"use client";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { workflowKeys } from "@/lib/query-keys";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import type { WorkflowSummary } from "@/components/data/api-types";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";

function ActiveBadge({ active }: { active: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${active ? "bg-green-50 text-green-700 ring-green-600/20" : "bg-gray-100 text-gray-600 ring-gray-500/20"}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${active ? "bg-green-500" : "bg-gray-400"}`} />
      {active ? "Active" : "Inactive"}
    </span>
  );
}

export function WorkflowCard({ workflow }: { workflow: WorkflowSummary }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => fetchApi<WorkflowSummary>(`/api/workflows/${workflow.id}/${workflow.active ? "deactivate" : "activate"}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workflowKeys.all }),
  });
  const headingId = `workflow-${workflow.id}`;

  return (
    <li aria-labelledby={headingId} data-workflow-id={workflow.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="truncate text-base font-semibold text-gray-900">
              {workflow.name}
            </h3>
            <ActiveBadge active={workflow.active} />
          </div>
          <p className="mt-0.5 text-xs text-gray-500">
            Version {workflow.version} · updated <RelativeTime iso={workflow.updatedAt} />
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Link href={`/executions?workflowId=${workflow.id}`} className="text-sm font-medium text-blue-700 hover:underline">
            View runs<span className="sr-only"> of {workflow.name}</span>
          </Link>
          <Button variant="secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending} className="py-1 text-xs">
            {toggle.isPending ? "Saving…" : workflow.active ? "Deactivate" : "Activate"}
            <span className="sr-only"> {workflow.name}</span>
          </Button>
        </div>
      </div>
      {toggle.isError ? <p role="alert" className="mt-2 text-sm text-red-700">{errorMessage(toggle.error)}</p> : null}

      <h4 className="sr-only">Webhook URLs</h4>
      {workflow.webhooks.length === 0 ? (
        <p className="mt-3 text-sm text-gray-500">No webhook trigger.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {workflow.webhooks.map((hook) => (
            <li key={hook.nodeId} className="flex items-center gap-2 rounded-md bg-gray-50 px-2 py-1.5">
              <span className="shrink-0 font-mono text-xs font-semibold text-gray-700">{hook.methods.join(", ")}</span>
              <code className="min-w-0 flex-1 break-all font-mono text-xs text-gray-900 sm:truncate" title={hook.url}>
                {hook.url}
              </code>
              <CopyButton text={hook.url} label="Copy webhook URL" />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
