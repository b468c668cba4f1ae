"use client";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { workflowKeys } from "@/lib/query-keys";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import type { WorkflowSummary } from "@/components/data/api-types";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { RecentExecutions } from "./detail/recent-executions";

const TEMPLATE = WORKFLOW_TEMPLATES[0]!;

function curlFor(url: string): string {
  return `curl -s -X POST '${url}' \\\n  -H 'content-type: application/json' \\\n  -d '${JSON.stringify(TEMPLATE.sampleBody)}'`;
}

// A first account's path to a working webhook: one click creates the example workflow, its URL and
// a ready curl are shown, and the run appears below as soon as it arrives (realtime).
export function GetStarted({ created, onCreated }: { created: WorkflowSummary | null; onCreated: (workflow: WorkflowSummary) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => fetchApi<WorkflowSummary>("/api/workflows", { method: "POST", body: { ...TEMPLATE.build(`${TEMPLATE.id}/${crypto.randomUUID().slice(0, 8)}`), active: true } }),
    onSuccess: async (workflow) => {
      onCreated(workflow);
      await queryClient.invalidateQueries({ queryKey: workflowKeys.lists() });
    },
  });
  const url = created?.webhooks[0]?.url;
  const send = useMutation({
    mutationFn: async () => {
      const response = await fetch(url!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(TEMPLATE.sampleBody) });
      return response.text();
    },
  });
  return (
    <section aria-labelledby="get-started-heading" className="mb-6 rounded-lg border border-blue-200 bg-blue-50/50 p-4">
      <h2 id="get-started-heading" className="text-base font-semibold text-gray-900">
        Your first webhook in a minute
      </h2>
      <ol className="mt-3 space-y-4 text-sm text-gray-800">
        <li>
          <p className="font-medium">1. Create the example workflow</p>
          <p className="text-xs text-gray-600">{TEMPLATE.description}</p>
          {created ? (
            <p className="mt-1 text-emerald-800">
              Created{" "}
              <Link href={`/workflows/${created.id}`} className="font-medium underline">
                {created.name}
              </Link>
              .
            </p>
          ) : (
            <Button className="mt-2" onClick={() => create.mutate()} disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create the example workflow"}
            </Button>
          )}
          {create.isError ? <p role="alert" className="mt-1 text-red-700">{errorMessage(create.error)}</p> : null}
        </li>
        {url ? (
          <li>
            <p className="font-medium">2. Call its URL</p>
            <div className="mt-1 flex items-start gap-2">
              <pre aria-label="Ready curl command" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-gray-900 p-3 font-mono text-xs text-gray-100">
                {curlFor(url)}
              </pre>
              <CopyButton text={curlFor(url)} label="Copy curl command" />
            </div>
            <Button variant="secondary" className="mt-2" onClick={() => send.mutate()} disabled={send.isPending}>
              Or send it from here
            </Button>
            {send.data ? <p className="mt-1 font-mono text-xs text-gray-700">Answer: {send.data}</p> : null}
          </li>
        ) : null}
        {created ? (
          <li>
            <p className="font-medium">3. Watch the run arrive</p>
            <div className="mt-1 rounded-md border border-gray-200 bg-white p-3">
              <RecentExecutions workflowId={created.id} />
            </div>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
