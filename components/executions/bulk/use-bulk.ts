"use client";
import { useCallback, useMemo, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { BulkCreated, BulkOperationView, ExecutionCount } from "@/components/data/api-types";
import { fetchApi } from "@/components/data/fetch-api";
import { bulkKeys, executionKeys } from "@/lib/query-keys";
import { pollUnlessLive } from "@/lib/realtime/connection-health";
import { useRealtimeState } from "@/lib/realtime/use-realtime";
import type { RowSelection } from "../execution-table";
import { executionListQueryString, type ExecutionFilterValues } from "../use-execution-filters";

import type { BulkAction } from "@/lib/generated/prisma/enums";
import type { RerunVersion as BulkVersion } from "@/lib/executions/rerun-execution";

export type { BulkAction, BulkVersion };
export type BulkTarget = { kind: "selected"; ids: string[] } | { kind: "filter"; filters: ExecutionFilterValues };
export type BulkRequest = { action: BulkAction; target: BulkTarget; version: BulkVersion; idempotencyKey: string };

// While an operation runs it is polled every second as well: realtime events are a signal
// that may be lost, the GET is the truth.
const RUNNING_POLL_MS = 1_000;

/** Ticked rows, forgotten when the filters change (they were picked from another list). */
export function useRowSelection(resetKey: string): RowSelection & { clear: () => void; ids: string[] } {
  const [state, setState] = useState<{ key: string; ids: Set<string> }>({ key: resetKey, ids: new Set() });
  const selected = useMemo(() => (state.key === resetKey ? state.ids : new Set<string>()), [state, resetKey]);
  const update = useCallback((change: (ids: Set<string>) => void) => {
    setState((prev) => {
      const ids = new Set(prev.key === resetKey ? prev.ids : []);
      change(ids);
      return { key: resetKey, ids };
    });
  }, [resetKey]);
  const toggle = useCallback((id: string) => update((ids) => (ids.has(id) ? ids.delete(id) : ids.add(id))), [update]);
  const setMany = useCallback((many: string[], on: boolean) => update((ids) => many.forEach((id) => (on ? ids.add(id) : ids.delete(id)))), [update]);
  const clear = useCallback(() => update((ids) => ids.clear()), [update]);
  return useMemo(() => ({ selected, toggle, setMany, clear, ids: [...selected] }), [selected, toggle, setMany, clear]);
}

/** How many executions match the filters (up to the bulk limit). */
export function useExecutionCount(filters: ExecutionFilterValues, enabled: boolean) {
  return useQuery({
    queryKey: executionKeys.count(filters),
    queryFn: ({ signal }) => fetchApi<ExecutionCount>(`/api/executions/count?${executionListQueryString(filters, null, Date.now())}`, { signal }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useBulkOperation(id: string | null) {
  const realtime = useRealtimeState();
  return useQuery({
    queryKey: bulkKeys.detail(id ?? ""),
    queryFn: ({ signal }) => fetchApi<BulkOperationView>(`/api/executions/bulk/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === "DONE" ? false : Math.min(pollUnlessLive(realtime) || RUNNING_POLL_MS, RUNNING_POLL_MS)),
  });
}

function bodyOf({ action, target, version }: BulkRequest) {
  const selection =
    target.kind === "selected" ? { ids: target.ids } : { filter: Object.fromEntries(new URLSearchParams(executionListQueryString(target.filters, null, Date.now()))) };
  return { action, ...selection, ...(action === "rerun" ? { version } : {}) };
}

export function useStartBulk(onStarted: (created: BulkCreated) => void) {
  return useMutation({
    mutationFn: (request: BulkRequest) =>
      fetchApi<BulkCreated>("/api/executions/bulk", { method: "POST", body: bodyOf(request), headers: { "Idempotency-Key": request.idempotencyKey } }),
    onSuccess: onStarted,
  });
}
