"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { isExecutionStatus } from "@/lib/executions/status";
import type { ExecutionListFilters } from "@/lib/query-keys";

export type FilterName = "workflowId" | "status";

// The URL is the filter state: shareable, survives reload, works with back/forward.
export function useExecutionFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const workflowId = searchParams.get("workflowId") ?? "";
  const statusParam = searchParams.get("status") ?? "";

  const filters = useMemo<ExecutionListFilters>(() => {
    const status = statusParam
      .split(",")
      .map((s) => s.trim().toUpperCase())
      .filter(isExecutionStatus);
    return { ...(workflowId ? { workflowId } : {}), ...(status.length ? { status } : {}) };
  }, [workflowId, statusParam]);

  const setFilter = useCallback(
    (name: FilterName, value: string) => {
      const next = new URLSearchParams(searchParams.toString());
      if (value) next.set(name, value);
      else next.delete(name);
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [searchParams, router, pathname],
  );

  const clear = useCallback(() => router.replace(pathname, { scroll: false }), [router, pathname]);

  return { filters, workflowId, status: filters.status?.join(",") ?? "", setFilter, clear, active: Boolean(filters.workflowId || filters.status) };
}

export function executionListQueryString(filters: ExecutionListFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set("workflowId", filters.workflowId);
  if (filters.status?.length) params.set("status", filters.status.join(","));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}
