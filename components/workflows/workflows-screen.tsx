"use client";
import { useState } from "react";
import type { WorkflowSummary } from "@/components/data/api-types";
import { ErrorAlert } from "@/components/ui/alert";
import { SkeletonBar } from "@/components/ui/skeleton";
import { Toaster } from "@/components/ui/toast";
import { ArchivedWorkflows } from "./archived-workflows";
import { GetStarted } from "./get-started";
import { NewWorkflowPanel } from "./new-workflow-panel";
import { useWorkflowStats } from "./use-workflow-stats";
import { useWorkflows } from "./use-workflows";
import { WorkflowCard } from "./workflow-card";

export function WorkflowsScreen({ exampleJson }: { exampleJson: string }) {
  const workflows = useWorkflows();
  const stats = useWorkflowStats();
  // Kept once created, so the guide stays up (URL, curl, first run) after the list stops being empty.
  const [started, setStarted] = useState<WorkflowSummary | null>(null);
  const empty = workflows.data?.length === 0;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <section aria-labelledby="workflow-list-heading" className="min-w-0">
        {empty || started ? <GetStarted created={started} onCreated={setStarted} /> : null}
        <h2 id="workflow-list-heading" className="mb-3 text-base font-semibold text-gray-900">
          Your workflows {workflows.data ? <span className="font-normal text-gray-500">({workflows.data.length})</span> : null}
        </h2>
        {stats.isError ? (
          <p role="alert" className="mb-3 text-sm text-red-700">
            Run counts are unavailable: {stats.error.message}
          </p>
        ) : null}
        {workflows.isPending ? (
          <div className="space-y-3" aria-busy="true">
            <p className="sr-only" role="status">Loading workflows…</p>
            {Array.from({ length: 3 }, (_, i) => (
              <SkeletonBar key={i} className="h-40 w-full rounded-lg" />
            ))}
          </div>
        ) : workflows.isError ? (
          <ErrorAlert title="Could not load workflows">{workflows.error.message}</ErrorAlert>
        ) : workflows.data.length === 0 ? (
          <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
            <p className="text-sm font-medium text-gray-900">No workflows yet</p>
            <p className="mt-1 text-sm text-gray-600">Start from a template or paste a definition to get a webhook URL.</p>
          </div>
        ) : (
          <ul className="space-y-3">
            {workflows.data.map((workflow) => (
              <WorkflowCard key={workflow.id} workflow={workflow} stats={stats.data?.get(workflow.id)} statsLoading={stats.isPending} />
            ))}
          </ul>
        )}
        <details className="mt-6">
          <summary className="cursor-pointer text-sm font-medium text-gray-700">Archived workflows</summary>
          <div className="mt-3">
            <ArchivedWorkflows />
          </div>
        </details>
      </section>
      <NewWorkflowPanel exampleJson={exampleJson} />
      <Toaster />
    </div>
  );
}
