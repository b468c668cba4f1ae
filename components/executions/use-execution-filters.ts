"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { isExecutionStatus, type ExecutionStatus } from "@/lib/executions/status";
import { ARCHIVED_FILTERS, type ArchivedFilter, type ExecutionListFilters } from "@/lib/query-keys";

export type FilterName = "workflowId" | "status" | "range" | "from" | "to" | "id" | "archived" | "q";

function isArchivedFilter(value: string | null): value is ArchivedFilter {
  return (ARCHIVED_FILTERS as readonly (string | null)[]).includes(value);
}

// Relative ranges stay relative: the URL says "1h" and every fetch asks for the last hour
// as of that moment, so a shared link means the same thing tomorrow.
export const TIME_RANGES = {
  "15m": { label: "Last 15 minutes", ms: 15 * 60_000 },
  "1h": { label: "Last hour", ms: 3_600_000 },
  "6h": { label: "Last 6 hours", ms: 6 * 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
} as const;
export type TimeRange = keyof typeof TIME_RANGES;

export function isTimeRange(value: string): value is TimeRange {
  return Object.hasOwn(TIME_RANGES, value);
}

function isoOrUndefined(value: string | null): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// What the id box accepts: an execution id or its start (hyphens optional).
export function normalizeIdFilter(value: string): string | null {
  const v = value.trim().toLowerCase();
  return /^[0-9a-f-]{1,36}$/.test(v) && v.replaceAll("-", "").length <= 32 ? v : null;
}

export type ExecutionFilterValues = ExecutionListFilters & { range?: TimeRange };

// The URL is the filter state: shareable, survives reload, works with back/forward.
export function useExecutionFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = searchParams.toString();

  const filters = useMemo<ExecutionFilterValues>(() => {
    const params = new URLSearchParams(query);
    const status = [...new Set((params.get("status") ?? "").split(",").map((s) => s.trim().toUpperCase()))].filter(isExecutionStatus);
    const range = params.get("range") ?? "";
    const id = normalizeIdFilter(params.get("id") ?? "");
    const from = isoOrUndefined(params.get("from"));
    const to = isoOrUndefined(params.get("to"));
    const workflowId = params.get("workflowId");
    const archived = params.get("archived");
    const q = params.get("q")?.trim();
    return {
      ...(isArchivedFilter(archived) ? { archived } : {}),
      ...(workflowId ? { workflowId } : {}),
      ...(status.length ? { status } : {}),
      ...(isTimeRange(range) ? { range } : { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
      ...(id ? { id } : {}),
      ...(q ? { q } : {}),
    };
  }, [query]);

  const update = useCallback(
    (changes: Partial<Record<FilterName, string>>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      const q = next.toString();
      router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [searchParams, router, pathname],
  );

  const setFilter = useCallback((name: FilterName, value: string) => update({ [name]: value }), [update]);
  const setStatuses = useCallback((statuses: ExecutionStatus[]) => update({ status: statuses.join(",") }), [update]);
  const clear = useCallback(() => router.replace(pathname, { scroll: false }), [router, pathname]);

  return { filters, update, setFilter, setStatuses, clear, active: Object.keys(filters).length > 0 };
}

// The API's query string; a relative range becomes `from` at the moment of the fetch.
export function executionListQueryString(filters: ExecutionFilterValues, cursor: string | null, now: number): string {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set("workflowId", filters.workflowId);
  if (filters.status?.length) params.set("status", filters.status.join(","));
  if (filters.range) params.set("from", new Date(now - TIME_RANGES[filters.range].ms).toISOString());
  else {
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  }
  if (filters.id) params.set("id", filters.id);
  if (filters.archived) params.set("archived", filters.archived);
  if (filters.q) params.set("q", filters.q);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}
