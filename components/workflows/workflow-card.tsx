"use client";
import Link from "next/link";
import type { WorkflowSummary } from "@/components/data/api-types";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonBar } from "@/components/ui/skeleton";
import { ExecutionStatusBadge } from "@/components/ui/status-badge";
import { ActiveSwitch } from "./active-switch";
import type { WorkflowStats } from "./workflow-types";

function errorRate(stats: WorkflowStats): string {
  if (stats.runs24h === 0) return "—";
  const rate = (stats.failed24h / stats.runs24h) * 100;
  return `${rate < 10 && rate > 0 ? rate.toFixed(1) : Math.round(rate)}%`;
}

function Stats({ stats, loading }: { stats: WorkflowStats | undefined; loading: boolean }) {
  if (loading) return <SkeletonBar className="h-10 w-full max-w-xs" />;
  const s = stats ?? { workflowId: "", runs24h: 0, failed24h: 0, lastStatus: null, lastStartedAt: null };
  return (
    <dl className="grid grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)_minmax(0,1fr)] gap-3 text-sm sm:max-w-lg">
      <div className="min-w-0">
        <dt className="text-xs text-gray-500">Last run</dt>
        <dd className="mt-0.5 flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
          {s.lastStatus && s.lastStartedAt ? (
            <>
              <ExecutionStatusBadge status={s.lastStatus} />
              <span className="whitespace-nowrap text-xs text-gray-500">
                <RelativeTime iso={s.lastStartedAt} />
              </span>
            </>
          ) : (
            <span className="text-gray-500">Never</span>
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-gray-500">Runs (24 h)</dt>
        <dd className="mt-0.5 font-medium tabular-nums text-gray-900">{s.runs24h.toLocaleString("en-US")}</dd>
      </div>
      <div>
        <dt className="text-xs text-gray-500">Error rate (24 h)</dt>
        <dd className={`mt-0.5 font-medium tabular-nums ${s.failed24h > 0 ? "text-red-700" : "text-gray-900"}`} title={`${s.failed24h} failed of ${s.runs24h}`}>
          {errorRate(s)}
        </dd>
      </div>
    </dl>
  );
}

export function WorkflowCard({ workflow, stats, statsLoading }: { workflow: WorkflowSummary; stats: WorkflowStats | undefined; statsLoading: boolean }) {
  const headingId = `workflow-${workflow.id}`;
  return (
    <li aria-labelledby={headingId} data-workflow-id={workflow.id} className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
        <div className="min-w-0">
          <h3 id={headingId} className="truncate text-base font-semibold text-gray-900">
            <Link href={`/workflows/${workflow.id}`} className="hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
              {workflow.name}
            </Link>
          </h3>
          <p className="mt-0.5 text-xs text-gray-500">
            Version {workflow.version} · updated <RelativeTime iso={workflow.updatedAt} />
          </p>
        </div>
        <ActiveSwitch workflow={workflow} />
      </div>

      <div className="mt-3">
        <Stats stats={stats} loading={statsLoading} />
      </div>

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
      <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href={`/workflows/${workflow.id}`} className="font-medium text-blue-700 hover:underline">
          Edit and test<span className="sr-only"> {workflow.name}</span>
        </Link>
        <Link href={`/executions?workflowId=${workflow.id}`} className="font-medium text-blue-700 hover:underline">
          View runs<span className="sr-only"> of {workflow.name}</span>
        </Link>
      </div>
    </li>
  );
}
