"use client";
import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { EXECUTION_STATUS_INFO } from "@/lib/executions/status";
import { fetchApi } from "@/components/data/fetch-api";
import type { Delivery, DeliveryPage } from "@/components/data/api-types";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { labelClass } from "@/components/ui/field-styles";
import { formatBytes, formatDuration } from "@/components/ui/format";
import { HttpStatus } from "@/components/ui/http-status";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonBar } from "@/components/ui/skeleton";
import { HeaderTable } from "@/components/executions/detail/trigger-request";

// Accepted deliveries are executions: the key sits under executionKeys.lists(), so every
// execution event refetches it. Refused ones make no event (they are counted in memory and
// written about once a second), so while this page is open and visible the list also polls.
const REFUSED_POLL_MS = 5_000;
const PAGE = 25;

const STATUS_FILTERS = ["", "2xx", "4xx", "5xx", "401", "404", "405", "409", "413", "415", "422", "429", "503"] as const;
const OUTCOME_FILTERS = [
  ["", "Accepted and refused"],
  ["accepted", "Accepted"],
  ["refused", "Refused"],
] as const;

export function DeliveriesPanel({ workflowId }: { workflowId: string }) {
  const [status, setStatus] = useState("");
  const [outcome, setOutcome] = useState("");
  const filters = { ...(status ? { status } : {}), ...(outcome ? { outcome } : {}) };
  const list = useInfiniteQuery({
    queryKey: executionKeys.deliveries(workflowId, filters),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ ...filters, limit: String(PAGE), ...(pageParam ? { cursor: pageParam } : {}) });
      return fetchApi<DeliveryPage>(`/api/workflows/${workflowId}/deliveries?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: REFUSED_POLL_MS,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter deliveries">
        <label className={labelClass}>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)} className="mt-1 block rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
            {OUTCOME_FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)} className="mt-1 block rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm">
            {STATUS_FILTERS.map((value) => (
              <option key={value} value={value}>
                {value || "Any status"}
              </option>
            ))}
          </select>
        </label>
        <p className="text-xs text-gray-500">Refused requests are counted per minute; up to 5 of each kind are kept as samples for 7 days.</p>
      </div>
      {list.isPending ? (
        <div aria-busy="true" className="space-y-2">
          <p className="sr-only" role="status">Loading deliveries…</p>
          {Array.from({ length: 3 }, (_, i) => (
            <SkeletonBar key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <ErrorAlert title="Could not load deliveries">{list.error.message}</ErrorAlert>
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center text-sm text-gray-600">
          {status || outcome ? "No deliveries match these filters." : "No deliveries yet: requests to this workflow's webhook URLs appear here, accepted or refused."}
        </p>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-md border border-gray-200" aria-label="Deliveries">
          {items.map((d) => (d.kind === "accepted" ? <AcceptedRow key={d.id} delivery={d} /> : <RefusedRow key={d.id} delivery={d} />))}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}

function Line({ delivery, outcome }: { delivery: Delivery; outcome: React.ReactNode }) {
  return (
    <>
      <span className="w-14 shrink-0">
        {delivery.status === null ? <span className="font-mono text-xs text-gray-400">—</span> : <HttpStatus status={delivery.status} />}
      </span>
      <span className="min-w-0 flex-1 truncate font-mono text-xs text-gray-700">
        {delivery.method} /{delivery.path}
      </span>
      <span className="shrink-0 text-xs text-gray-600">{outcome}</span>
      <span className="w-24 shrink-0 text-right text-xs text-gray-500">
        <RelativeTime iso={delivery.at} />
      </span>
    </>
  );
}

function AcceptedRow({ delivery }: { delivery: Extract<Delivery, { kind: "accepted" }> }) {
  const run = EXECUTION_STATUS_INFO[delivery.executionStatus].label;
  return (
    <li data-delivery="accepted" data-http-status={delivery.status ?? ""} className="relative flex items-center gap-3 px-3 py-2 text-sm hover:bg-gray-50">
      <Line
        delivery={delivery}
        outcome={
          <Link
            href={`/executions/${delivery.executionId}`}
            aria-label={`Accepted delivery, run ${run}`}
            className="text-green-800 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-blue-600"
          >
            accepted · run {run.toLowerCase()}
            {delivery.ms !== null ? ` · ${formatDuration(delivery.ms)}` : ""}
          </Link>
        }
      />
    </li>
  );
}

function RefusedRow({ delivery }: { delivery: Extract<Delivery, { kind: "refused" }> }) {
  const more = delivery.similar.count - delivery.similar.sampled;
  return (
    <li data-delivery="refused" data-http-status={delivery.status} data-reason={delivery.reason} className="text-sm">
      <details className="group">
        <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-2 hover:bg-gray-50">
          <Line
            delivery={delivery}
            outcome={
              <span className="text-red-800">
                refused · {delivery.reason}
                {more > 0 ? <span className="ml-1 text-gray-500">(+{more} more like this that minute)</span> : null}
              </span>
            }
          />
        </summary>
        <div className="space-y-3 border-t border-gray-100 bg-gray-50/60 px-3 py-3">
          <p className="text-sm text-gray-800">
            <span className="font-medium">Answer:</span> {delivery.message}
          </p>
          <p className="text-xs text-gray-600">
            {delivery.similar.count} refused with this path, status and reason in that minute; {delivery.similar.sampled === 1 ? "1 kept as a sample" : `${delivery.similar.sampled} kept as samples`}. Body{" "}
            {formatBytes(delivery.bodyBytes)}.
          </p>
          <div className="grid gap-3 lg:grid-cols-2">
            <div className="min-w-0">
              <h4 className="mb-1 text-xs font-medium text-gray-800">Headers</h4>
              <HeaderTable headers={delivery.headers} />
            </div>
            <div className="min-w-0">
              <h4 className="mb-1 text-xs font-medium text-gray-800">
                Body {delivery.bodySample !== null ? `(first ${formatBytes(Math.min(512, delivery.bodyBytes ?? 512))}${delivery.bodyEncoding === "base64" ? ", base64" : ""})` : ""}
              </h4>
              {delivery.bodySample === null ? (
                <p className="text-xs text-gray-500">{delivery.bodyBytes ? "Not read: refused before the body was read." : "Empty body."}</p>
              ) : (
                <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded-md border border-gray-200 bg-white p-2 font-mono text-xs text-gray-900">{delivery.bodySample}</pre>
              )}
            </div>
          </div>
        </div>
      </details>
    </li>
  );
}
