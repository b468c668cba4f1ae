"use client";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { isApiError } from "@/components/data/fetch-api";
import { ErrorAlert } from "@/components/ui/alert";
import { SkeletonBar } from "@/components/ui/skeleton";
import { useExecution } from "../use-executions";
import { ExecutionActions } from "./execution-actions";
import { ExecutionCompare } from "./execution-compare";
import { ExecutionGraph } from "./execution-graph";
import { ExecutionHeader } from "./execution-header";
import { ExecutionTimeline } from "./execution-timeline";
import { NodePanel } from "./node-panel";
import { SentResponse } from "./sent-response";
import { RerunsSection } from "./reruns-section";
import { TriggerRequest } from "./trigger-request";

export function ExecutionDetailScreen({ id }: { id: string }) {
  const query = useExecution(id);
  // null = nothing chosen yet: show the failed node, if any.
  const [chosen, setChosen] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);
  const [comparing, setComparing] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  const select = useCallback((nodeId: string) => {
    setChosen(nodeId);
    setClosed(false);
    // On a phone the panel sits below the graph and timeline: bring it into view.
    requestAnimationFrame(() => {
      const panel = panelRef.current;
      if (panel && panel.getBoundingClientRect().top > window.innerHeight) panel.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  }, []);

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
  const selected = closed ? null : (chosen ?? execution.error?.failedNodeIds?.[0] ?? null);
  return (
    <div className="space-y-6" data-execution-id={execution.id} data-status={execution.status}>
      <ExecutionHeader
        execution={execution}
        actions={<ExecutionActions execution={execution} comparing={comparing} onToggleCompare={() => setComparing((v) => !v)} />}
      />
      {query.isRefetchError ? (
        // A 404 now: deleted (a bulk delete, retention) while open; what is shown is its last state.
        <ErrorAlert title={isApiError(query.error, 404) ? "This execution was deleted" : "Could not refresh"}>{query.error.message}</ErrorAlert>
      ) : null}
      <RerunsSection executionId={execution.id} />
      {comparing && execution.retryOfId ? <ExecutionCompare execution={execution} /> : null}
      <ExecutionGraph execution={execution} selectedNodeId={selected} onSelect={select} />
      <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
        <ExecutionTimeline execution={execution} selectedNodeId={selected} onSelect={select} />
        <div ref={panelRef} className="min-w-0 scroll-mt-4">
          {selected ? (
            <NodePanel key={selected} execution={execution} nodeId={selected} onClose={() => setClosed(true)} />
          ) : (
            <p className="rounded-lg border border-dashed border-gray-300 bg-white/60 p-6 text-center text-sm text-gray-600">
              Select a node in the graph to see its input, output, error and timings.
            </p>
          )}
        </div>
      </div>
      <TriggerRequest trigger={execution.trigger} />
      <SentResponse execution={execution} />
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
      <SkeletonBar className="h-72 w-full" />
      <div className="grid gap-6 lg:grid-cols-2">
        <SkeletonBar className="h-48 w-full" />
        <SkeletonBar className="h-48 w-full" />
      </div>
    </div>
  );
}
