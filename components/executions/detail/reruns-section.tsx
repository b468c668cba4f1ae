"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ExecutionReruns } from "@/components/data/api-types";
import { fetchApi } from "@/components/data/fetch-api";
import { ExecutionStatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDuration } from "@/components/ui/format";
import { executionKeys } from "@/lib/query-keys";
import { isTerminal } from "@/lib/executions/status";
import { pollUnlessLive } from "@/lib/realtime/connection-health";
import { useRealtimeState } from "@/lib/realtime/use-realtime";

// Under executionKeys.lists(): any run starting or finishing refetches it, so a re-run that
// ends while the original is open shows up (and "fixed by re-run" with it) without a reload.
export function useReruns(executionId: string) {
  const realtime = useRealtimeState();
  return useQuery({
    queryKey: executionKeys.reruns(executionId),
    queryFn: ({ signal }) => fetchApi<ExecutionReruns>(`/api/executions/${encodeURIComponent(executionId)}/reruns`, { signal }),
    refetchInterval: (query) => (query.state.data?.items.some((r) => !isTerminal(r.status)) ? pollUnlessLive(realtime) : false),
  });
}

export function FixedBadge({ href }: { href?: string }) {
  const classes = "inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-600/30";
  const label = (
    <>
      <span aria-hidden="true">↻</span> Fixed by re-run
    </>
  );
  return href ? (
    <Link href={href} className={`${classes} relative z-10 hover:bg-green-100`} data-testid="fixed-by-rerun">
      {label}
    </Link>
  ) : (
    <span className={classes} data-testid="fixed-by-rerun">
      {label}
    </span>
  );
}

export function FixedByRerunBadge({ executionId }: { executionId: string }) {
  const { data } = useReruns(executionId);
  return data?.fixedBy ? <FixedBadge href={`/executions/${data.fixedBy}`} /> : null;
}

// The re-runs of this execution, newest first, each with its status; nothing when it has none.
export function RerunsSection({ executionId }: { executionId: string }) {
  const { data } = useReruns(executionId);
  if (!data || data.total === 0) return null;
  return (
    <section aria-labelledby="reruns-heading" className="rounded-lg border border-gray-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center gap-3 border-b border-gray-100 px-4 py-3">
        <h2 id="reruns-heading" className="text-sm font-semibold text-gray-900">
          Re-runs ({data.total})
        </h2>
        {data.fixedBy ? <FixedBadge href={`/executions/${data.fixedBy}`} /> : null}
      </div>
      <ul className="divide-y divide-gray-100" aria-label="Re-runs of this execution">
        {data.items.map((r) => (
          <li key={r.id} data-rerun-id={r.id} data-status={r.status} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
            <ExecutionStatusBadge status={r.status} />
            <Link href={`/executions/${r.id}`} className="font-mono text-xs text-blue-700 hover:underline">
              {r.id.slice(0, 8)}
            </Link>
            <span className="text-gray-600">
              <RelativeTime iso={r.startedAt} />
            </span>
            <span className="tabular-nums text-gray-500">{isTerminal(r.status) ? formatDuration(r.durationMs) : "…"}</span>
            {r.id === data.fixedBy ? <span className="text-xs font-medium text-green-800">fixed it</span> : null}
          </li>
        ))}
      </ul>
      {data.total > data.items.length ? <p className="px-4 py-2 text-xs text-gray-500">Showing the newest {data.items.length}.</p> : null}
    </section>
  );
}
