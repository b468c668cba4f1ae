import Link from "next/link";
import type { ReactNode } from "react";
import type { ExecutionDetail } from "@/components/data/api-types";
import { ErrorAlert } from "@/components/ui/alert";
import { ExecutionStatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime, formatDuration, formatTriggerLabel } from "@/components/ui/format";
import { EXECUTION_STATUS_INFO } from "@/lib/executions/status";
import { modeLabel } from "../mode-label";
import { FixedByRerunBadge } from "./reruns-section";

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-gray-500">{term}</dt>
      <dd className="mt-1 break-words text-sm text-gray-900">{children}</dd>
    </div>
  );
}


export function ExecutionHeader({ execution, actions }: { execution: ExecutionDetail; actions: ReactNode }) {
  const failed = execution.error?.failedNodeIds ?? [];
  return (
    <section aria-labelledby="execution-heading" className="space-y-4">
      <div>
        <Link href="/executions" className="text-sm font-medium text-blue-700 hover:underline">
          ← Back to the list
        </Link>
        <div className="mt-2 flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-3">
              <h1 id="execution-heading" className="text-2xl font-semibold tracking-tight text-gray-900">
                {execution.workflowName}
              </h1>
              <ExecutionStatusBadge status={execution.status} />
              {execution.status !== "SUCCEEDED" ? <FixedByRerunBadge executionId={execution.id} /> : null}
            </div>
            <p className="mt-1 break-all font-mono text-xs text-gray-500">Execution {execution.id}</p>
          </div>
          {actions}
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-gray-200 bg-white p-4 shadow-xs sm:grid-cols-4 xl:grid-cols-7">
        <Item term="Status">{EXECUTION_STATUS_INFO[execution.status].label}</Item>
        <Item term="Workflow">
          <Link href={`/executions?workflowId=${execution.workflowId}`} className="text-blue-700 hover:underline">
            {execution.workflowName}
          </Link>
          {execution.snapshot ? (
            <>
              {" "}
              <Link href={`/workflows/${execution.workflowId}#versions-heading`} className="text-gray-500 hover:underline" title="The version this run used">
                v{execution.snapshot.version}
              </Link>
            </>
          ) : null}
        </Item>
        <Item term="Trigger">
          <span className="font-mono text-xs">{execution.trigger ? formatTriggerLabel(execution.trigger.method, execution.trigger.path) : "—"}</span>
        </Item>
        <Item term="Mode">
          {modeLabel(execution.mode)}
          {execution.retryOfId ? (
            <>
              {" of "}
              <Link href={`/executions/${execution.retryOfId}`} className="text-blue-700 hover:underline">
                the original run
              </Link>
            </>
          ) : null}
        </Item>
        <Item term="Started">
          <RelativeTime iso={execution.startedAt} />
          <span className="block text-xs text-gray-500">{formatDateTime(execution.startedAt)}</span>
        </Item>
        <Item term="Finished">
          {execution.finishedAt ? formatDateTime(execution.finishedAt) : execution.resumeAt && execution.status === "WAITING" ? `Waiting until ${formatDateTime(execution.resumeAt)}` : "Still running"}
        </Item>
        <Item term="Duration">{formatDuration(execution.durationMs)}</Item>
      </dl>

      {execution.attempt > 1 ? (
        <p className="text-sm text-gray-600" data-testid="execution-attempts">
          Attempt {execution.attempt}: resumed {execution.attempt - 1} time{execution.attempt > 2 ? "s" : ""} from its saved nodes
          {execution.crashes > 0 ? ` (the runner died ${execution.crashes} time${execution.crashes > 1 ? "s" : ""})` : ""}.
        </p>
      ) : null}

      {execution.error ? (
        <ErrorAlert title={`${EXECUTION_STATUS_INFO[execution.status].label}: ${execution.error.message}`}>
          {failed.length ? `Failed node${failed.length > 1 ? "s" : ""}: ${failed.join(", ")}` : null}
        </ErrorAlert>
      ) : null}
    </section>
  );
}
