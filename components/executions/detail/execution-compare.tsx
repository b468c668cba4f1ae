"use client";
import { isTerminal } from "@/lib/executions/status";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { ExecutionDetail } from "@/components/data/api-types";
import { ErrorAlert } from "@/components/ui/alert";
import { SkeletonBar } from "@/components/ui/skeleton";
import { NodeStatusBadge } from "@/components/ui/status-badge";
import { useExecution } from "../use-executions";
import { compareRuns, type NodeChange, type NodeChangeKind } from "./compare-runs";
import { NodeChangeDetail } from "./node-change-detail";
import { orderNodeRuns } from "./order-nodes";

const KIND_LOOK: Record<NodeChangeKind, { label: string; className: string }> = {
  changed: { label: "Changed", className: "bg-amber-50 text-amber-800 ring-amber-600/20" },
  added: { label: "Added", className: "bg-blue-50 text-blue-700 ring-blue-600/20" },
  removed: { label: "Removed", className: "bg-gray-100 text-gray-700 ring-gray-500/20" },
  unchanged: { label: "Unchanged", className: "bg-white text-gray-500 ring-gray-300" },
};
const KIND_ORDER: NodeChangeKind[] = ["changed", "added", "removed", "unchanged"];

export function ExecutionCompare({ execution }: { execution: ExecutionDetail }) {
  const originalId = execution.retryOfId!;
  const original = useExecution(originalId);
  const changes = useMemo(
    () =>
      original.data
        ? compareRuns(orderNodeRuns(original.data.nodes, original.data.executionPath ?? []), orderNodeRuns(execution.nodes, execution.executionPath ?? []))
        : [],
    [original.data, execution.nodes, execution.executionPath],
  );
  const [openKey, setOpenKey] = useState<string | null>(null);
  const shownKey = openKey ?? changes.find((c) => c.kind !== "unchanged")?.key ?? null;
  const counts = Object.fromEntries(KIND_ORDER.map((k) => [k, changes.filter((c) => c.kind === k).length])) as Record<NodeChangeKind, number>;

  return (
    <section aria-labelledby="compare-heading" className="space-y-3 rounded-lg border border-amber-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="compare-heading" className="text-base font-semibold text-gray-900">
          Compared with the original run
        </h2>
        <Link href={`/executions/${originalId}`} className="text-sm font-medium text-blue-700 hover:underline">
          Open original
        </Link>
      </div>
      {original.isPending ? (
        <div aria-busy="true" className="space-y-2">
          <SkeletonBar className="h-6 w-1/2" />
          <SkeletonBar className="h-24 w-full" />
        </div>
      ) : original.isError ? (
        <ErrorAlert title="Could not load the original run">{original.error.message}</ErrorAlert>
      ) : (
        <>
          <p className="text-sm text-gray-700" role="status">
            {KIND_ORDER.map((k) => `${counts[k]} ${KIND_LOOK[k].label.toLowerCase()}`).join(" · ")}
            {!isTerminal(execution.status) ? " — this run is still going" : ""}
          </p>
          <ul className="divide-y divide-gray-100 rounded-md border border-gray-200" aria-label="Nodes compared">
            {changes.map((change) => (
              <ChangeRow key={change.key} change={change} open={change.key === shownKey} onToggle={() => setOpenKey(change.key === shownKey ? "" : change.key)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ChangeRow({ change, open, onToggle }: { change: NodeChange; open: boolean; onToggle: () => void }) {
  const look = KIND_LOOK[change.kind];
  const label = `${change.nodeId}${change.runIndex > 0 ? ` #${change.runIndex + 1}` : ""}`;
  const expandable = change.kind !== "unchanged";
  return (
    <li data-node-id={change.nodeId} data-change={change.kind}>
      <div className="flex flex-wrap items-center gap-2 px-3 py-2">
        <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>{look.label}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-sm text-gray-900">{label}</span>
        <span className="flex items-center gap-1 text-xs text-gray-500">
          {change.before ? <NodeStatusBadge status={change.before.status} /> : <span>—</span>}
          <span aria-hidden="true">→</span>
          <span className="sr-only">then</span>
          {change.after ? <NodeStatusBadge status={change.after.status} /> : <span>—</span>}
        </span>
        {expandable ? (
          <button type="button" aria-expanded={open} onClick={onToggle} className="rounded px-2 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600">
            {open ? "Hide" : "Show"} difference<span className="sr-only"> for {label}</span>
          </button>
        ) : null}
      </div>
      {open && expandable ? <NodeChangeDetail change={change} /> : null}
    </li>
  );
}
