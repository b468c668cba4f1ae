"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { useRealtimeState } from "@/lib/realtime/use-realtime";
import { pollUnlessLive } from "@/lib/realtime/connection-health";
import { EXECUTION_STATUS_INFO } from "@/lib/executions/status";
import { fetchApi } from "@/components/data/fetch-api";
import type { ExecutionPage } from "@/components/data/api-types";
import { ErrorAlert } from "@/components/ui/alert";
import { formatDuration } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonBar } from "@/components/ui/skeleton";
import { ExecutionStatusBadge } from "@/components/ui/status-badge";
import { HttpStatus } from "@/components/ui/http-status";

const LIMIT = 10;

// Its own key under the list prefix (live via realtime), distinct from the history screen's
// infinite query for the same workflow, whose cached data has another shape.
export function RecentExecutions({ workflowId }: { workflowId: string }) {
  const realtime = useRealtimeState();
  const recent = useQuery({
    queryKey: [...executionKeys.lists(), { workflowId, recent: LIMIT }],
    queryFn: ({ signal }) => fetchApi<ExecutionPage>(`/api/executions?workflowId=${workflowId}&limit=${LIMIT}`, { signal }),
    refetchInterval: pollUnlessLive(realtime),
  });
  if (recent.isPending) {
    return (
      <div aria-busy="true" className="space-y-2">
        <p className="sr-only" role="status">Loading executions…</p>
        {Array.from({ length: 3 }, (_, i) => (
          <SkeletonBar key={i} className="h-8 w-full" />
        ))}
      </div>
    );
  }
  if (recent.isError) return <ErrorAlert title="Could not load executions">{recent.error.message}</ErrorAlert>;
  if (recent.data.items.length === 0) {
    return <p className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center text-sm text-gray-600">No runs yet. Send a test request or call the webhook URL.</p>;
  }
  return (
    <div>
      <ul className="divide-y divide-gray-100" aria-label="Recent executions">
        {recent.data.items.map((run) => (
          <li key={run.id} data-execution-id={run.id} data-status={run.status} className="relative flex items-center gap-3 py-2 text-sm hover:bg-gray-50">
            <ExecutionStatusBadge status={run.status} />
            <HttpStatus status={run.responseStatus} prefix="· " className="-ml-1.5" />
            <Link
              href={`/executions/${run.id}`}
              aria-label={`${EXECUTION_STATUS_INFO[run.status].label} run, ${run.mode.toLowerCase()}`}
              className="min-w-0 flex-1 truncate text-gray-700 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-blue-600"
            >
              <RelativeTime iso={run.startedAt} />
              <span className="ml-2 text-xs text-gray-500">{run.mode === "MANUAL" ? "test" : run.mode.toLowerCase()}</span>
            </Link>
            <span className="tabular-nums text-xs text-gray-600">{run.status === "RUNNING" ? "…" : formatDuration(run.durationMs)}</span>
          </li>
        ))}
      </ul>
      <Link href={`/executions?workflowId=${workflowId}`} className="mt-2 inline-block text-sm font-medium text-blue-700 hover:underline">
        All executions of this workflow
      </Link>
    </div>
  );
}
