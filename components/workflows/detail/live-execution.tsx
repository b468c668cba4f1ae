"use client";
import Link from "next/link";
import { useExecution } from "@/components/executions/use-executions";
import { ErrorAlert } from "@/components/ui/alert";
import { formatDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { SkeletonBar } from "@/components/ui/skeleton";
import { ExecutionStatusBadge, NodeStatusBadge } from "@/components/ui/status-badge";

// The test run's execution, read through the same query as its detail page: realtime
// events invalidate executionKeys.detail(id), so status and nodes update as they happen.
export function LiveExecution({ executionId }: { executionId: string }) {
  const execution = useExecution(executionId);
  if (execution.isPending) {
    return (
      <div aria-busy="true" className="space-y-2">
        <p className="sr-only" role="status">Loading the test run…</p>
        <SkeletonBar className="h-6 w-40" />
        <SkeletonBar className="h-16 w-full" />
      </div>
    );
  }
  if (execution.isError) return <ErrorAlert title="Could not load the test run">{execution.error.message}</ErrorAlert>;
  const run = execution.data;
  const last = run.nodes.at(-1);
  return (
    <section aria-label="Test run" data-execution-id={run.id} data-status={run.status} className="space-y-3 rounded-md border border-gray-200 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex items-center gap-2 text-sm text-gray-700" role="status" aria-label={`Test run status: ${run.status.toLowerCase()}`}>
          <ExecutionStatusBadge status={run.status} />
          <span className="tabular-nums">{run.status === "RUNNING" ? "running…" : formatDuration(run.durationMs)}</span>
        </p>
        <Link href={`/executions/${run.id}`} className="text-sm font-medium text-blue-700 hover:underline">
          Open execution
        </Link>
      </div>
      {run.nodes.length ? (
        <ol className="flex flex-wrap gap-1.5" aria-label="Nodes that ran">
          {run.nodes.map((node) => (
            <li key={node.id} className="inline-flex items-center gap-1 rounded-md bg-gray-50 px-1.5 py-0.5 text-xs">
              <span className="font-mono text-gray-800">{node.nodeId}</span>
              <NodeStatusBadge status={node.status} />
            </li>
          ))}
        </ol>
      ) : null}
      {run.error ? <ErrorAlert title="The run failed">{run.error.message}</ErrorAlert> : null}
      {run.status !== "RUNNING" && last ? <JsonView value={last.output} label={`Output of ${last.nodeId}`} fileName={`${run.id}-${last.nodeId}-output`} /> : null}
    </section>
  );
}
