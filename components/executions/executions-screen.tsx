"use client";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ExecutionFilters } from "./execution-filters";
import { ExecutionTable, ExecutionTableSkeleton } from "./execution-table";
import { useExecutionFilters } from "./use-execution-filters";
import { useExecutionList } from "./use-executions";

export function ExecutionsScreen() {
  const filterState = useExecutionFilters();
  const list = useExecutionList(filterState.filters);
  const executions = list.data?.pages.flatMap((page) => page.items) ?? [];
  const queryClient = useQueryClient();

  const loadMore = () => {
    // Fetching the next page cancels a background refetch in progress; redo it after,
    // or a run that arrived meanwhile would stay missing until the next event.
    const interruptedRefetch = list.isFetching && !list.isFetchingNextPage;
    void list.fetchNextPage().then(() => {
      if (interruptedRefetch) void queryClient.invalidateQueries({ queryKey: executionKeys.list(filterState.filters) });
    });
  };

  return (
    <div className="space-y-5">
      <ExecutionFilters {...filterState} />
      {list.isPending ? (
        <ExecutionTableSkeleton />
      ) : !list.data ? (
        <ErrorAlert title="Could not load executions">
          {list.error.message}{" "}
          <button type="button" onClick={() => void list.refetch()} className="font-medium underline">
            Try again
          </button>
        </ErrorAlert>
      ) : executions.length === 0 ? (
        <EmptyState filtered={filterState.active} />
      ) : (
        <>
          {/* A failed background refresh keeps the rows it has and says so. */}
          {list.isRefetchError ? <ErrorAlert title="Could not refresh">{list.error.message}</ErrorAlert> : null}
          <ExecutionTable executions={executions} />
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={loadMore} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-gray-900">{filtered ? "No executions match these filters" : "No executions yet"}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-gray-600">
        {filtered
          ? "Try another workflow or status, or clear the filters."
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
