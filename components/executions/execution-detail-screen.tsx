"use client";
import Link from "next/link";
import { isApiError } from "@/components/data/fetch-api";
import { ErrorAlert } from "@/components/ui/alert";
import { SkeletonBar } from "@/components/ui/skeleton";
import { ExecutionHeader } from "./execution-header";
import { NodeRunList } from "./node-run-list";
import { TriggerRequest } from "./trigger-request";
import { useExecution } from "./use-executions";

export function ExecutionDetailScreen({ id }: { id: string }) {
  const query = useExecution(id);

  if (query.isPending) return <DetailSkeleton />;
  if (!query.data) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">{missing ? "Execution not found" : "Could not load execution"}</h1>
        <ErrorAlert>{query.error.message}</ErrorAlert>
        <Link href="/executions" className="text-sm font-medium text-blue-700 hover:underline">
          ← Back to the list
        </Link>
      </div>
    );
  }

  const execution = query.data;
  return (
    <div className="space-y-6" data-execution-id={execution.id} data-status={execution.status}>
      <ExecutionHeader execution={execution} />
      {query.isRefetchError ? <ErrorAlert title="Could not refresh">{query.error.message}</ErrorAlert> : null}
      <TriggerRequest trigger={execution.trigger} />
      <NodeRunList execution={execution} />
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading execution…
      </p>
      <SkeletonBar className="h-4 w-28" />
      <SkeletonBar className="h-8 w-64" />
      <SkeletonBar className="h-20 w-full" />
      <SkeletonBar className="h-40 w-full" />
      <div className="space-y-2">
        {Array.from({ length: 4 }, (_, i) => (
          <SkeletonBar key={i} className="h-12 w-full" />
        ))}
      </div>
    </div>
  );
}
