"use client";
import Link from "next/link";
import { useEffect, useMemo, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast, Toaster } from "@/components/ui/toast";
import { BulkActionBar } from "./bulk/bulk-action-bar";
import { BulkProgress } from "./bulk/bulk-progress";
import { useRowSelection } from "./bulk/use-bulk";
import { useShownOperation } from "./bulk/use-shown-operation";
import { ExecutionFilters } from "./execution-filters";
import { ExecutionTable, ExecutionTableSkeleton } from "./execution-table";
import { ExecutionsChart } from "./executions-chart";
import { NewExecutionsPill } from "./new-executions-pill";
import { useExecutionFilters } from "./use-execution-filters";
import { useExecutionList } from "./use-executions";
import { useNewRowsHold } from "./use-new-rows-hold";

export function ExecutionsScreen() {
  const filterState = useExecutionFilters();
  const { filters } = filterState;
  const list = useExecutionList(filters);
  const executions = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  // A search stops at its row budget; the last page says how far back it looked.
  const searchedUntil = list.data?.pages.at(-1)?.search?.searchedUntil ?? null;
  const queryClient = useQueryClient();
  const topRef = useRef<HTMLDivElement>(null);
  const hold = useNewRowsHold(executions, topRef, JSON.stringify(filters));
  const selection = useRowSelection(JSON.stringify(filters));
  const [operationId, setOperationId] = useShownOperation();

  // A failed background refresh keeps the rows it has and says so, once per failure.
  const refreshFailedAt = list.isRefetchError ? list.errorUpdatedAt : 0;
  const refreshError = list.error?.message;
  useEffect(() => {
    if (refreshFailedAt) toast.error("Could not refresh executions", refreshError);
  }, [refreshFailedAt, refreshError]);

  const loadMore = () => {
    // Fetching the next page cancels a background refetch in progress; redo it after,
    // or a run that arrived meanwhile would stay missing until the next event.
    const interruptedRefetch = list.isFetching && !list.isFetchingNextPage;
    void list.fetchNextPage().then((result) => {
      if (result.isFetchNextPageError) toast.error("Could not load more executions", result.error?.message);
      if (interruptedRefetch) void queryClient.invalidateQueries({ queryKey: executionKeys.list(filters) });
    });
  };

  return (
    <div className="space-y-5">
      <Toaster />
      <ExecutionsChart workflowId={filters.workflowId} />
      <ExecutionFilters {...filterState} />
      {operationId ? <BulkProgress operationId={operationId} onDismiss={() => setOperationId(null)} /> : null}
      <BulkActionBar
        selectedIds={selection.ids}
        filters={filters}
        filtered={filterState.active}
        onClearSelection={selection.clear}
        onStarted={(created) => setOperationId(created.operationId)}
      />
      {/* data-hold: whether new rows are held back (the reader scrolled away); a state tests can wait for. */}
      <div ref={topRef} className="h-px scroll-mt-4" aria-hidden="true" data-hold={hold.holding ? "on" : "off"} />
      {list.isPending ? (
        <ExecutionTableSkeleton />
      ) : !list.data ? (
        <ErrorAlert title="Could not load executions">
          {list.error.message}{" "}
          <button type="button" onClick={() => void list.refetch()} className="font-medium underline">
            Try again
          </button>
        </ErrorAlert>
      ) : executions.length === 0 && !searchedUntil ? (
        <EmptyState filtered={filterState.active} />
      ) : (
        <>
          {hold.held > 0 ? <NewExecutionsPill count={hold.held} onClick={hold.reveal} /> : null}
          {executions.length ? <ExecutionTable executions={hold.visible} selection={selection} /> : null}
          {searchedUntil ? <SearchedUntil until={searchedUntil} found={executions.length} /> : null}
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={loadMore} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          ) : (
            <p className="text-center text-xs text-gray-500">That is every execution{filterState.active ? " matching these filters" : ""}.</p>
          )}
        </>
      )}
    </div>
  );
}

function SearchedUntil({ until, found }: { until: string; found: number }) {
  return (
    <p data-testid="searched-until" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-center text-sm text-amber-900">
      {found ? `${found} found so far. ` : "No matches so far. "}
      Searched runs back to <time dateTime={until}>{new Date(until).toLocaleString()}</time>; each request looks at a bounded number of
      runs. Load more to search older runs, or narrow the time range.
    </p>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-gray-900">{filtered ? "No executions match these filters" : "No executions yet"}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-gray-600">
        {filtered
          ? "Try another workflow, status or time range, or clear the filters. New runs that match appear here live."
          : "Send a request to one of your webhook URLs and the run shows up here as it happens."}
      </p>
      {filtered ? null : (
        <Link href="/workflows" className="mt-4 inline-block text-sm font-medium text-blue-700 hover:underline">
          Find your webhook URLs
        </Link>
      )}
    </div>
  );
}
