"use client";
import { useState } from "react";
import type { BulkCreated } from "@/components/data/api-types";
import { errorMessage } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ExecutionFilterValues } from "../use-execution-filters";
import { useExecutionCount, useStartBulk, type BulkAction, type BulkRequest, type BulkTarget, type BulkVersion } from "./use-bulk";

const VERBS: Record<BulkAction, { label: string; done: string; explain: string }> = {
  rerun: { label: "Re-run", done: "re-run", explain: "Each one is run again with its saved request, as a new execution linked to it, in the background." },
  cancel: { label: "Cancel", done: "cancelled", explain: "Running and waiting ones stop; finished ones are left as they are." },
  delete: { label: "Delete", done: "deleted", explain: "Finished ones are deleted with their node data; running or waiting ones are left (cancel them first). This cannot be undone." },
};

const plural = (n: number) => `${n.toLocaleString("en-US")} execution${n === 1 ? "" : "s"}`;

type Props = {
  selectedIds: string[];
  filters: ExecutionFilterValues;
  filtered: boolean;
  onClearSelection: () => void;
  onStarted: (created: BulkCreated) => void;
};

type Pending = { action: BulkAction; target: BulkTarget; count: number; idempotencyKey: string };

// Bulk actions on the ticked rows or on everything the filters match. Each confirmed dialog
// sends its own Idempotency-Key, so a double click or a retried request starts one operation.
export function BulkActionBar({ selectedIds, filters, filtered, onClearSelection, onStarted }: Props) {
  const [version, setVersion] = useState<BulkVersion>("snapshot");
  const [pending, setPending] = useState<Pending | null>(null);
  const count = useExecutionCount(filters, filtered);
  const start = useStartBulk((created) => {
    setPending(null);
    onClearSelection();
    onStarted(created);
  });
  if (selectedIds.length === 0 && !filtered) return null;

  const ask = (action: BulkAction, target: BulkTarget, n: number) => {
    start.reset();
    setPending({ action, target, count: n, idempotencyKey: crypto.randomUUID() });
  };
  const matching = count.data;
  const matchingCount = matching?.count ?? 0;
  const request: BulkRequest | null = pending ? { action: pending.action, target: pending.target, version, idempotencyKey: pending.idempotencyKey } : null;

  return (
    <section aria-label="Bulk actions" className="space-y-2 rounded-lg border border-gray-200 bg-white px-3 py-2.5 shadow-xs sm:px-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <h2 className="mr-auto text-xs font-semibold uppercase tracking-wide text-gray-500">Bulk actions</h2>
        <label className="flex items-center gap-2 text-gray-700">
          Re-run against
          <select value={version} onChange={(e) => setVersion(e.currentTarget.value as BulkVersion)} className="rounded-md border border-gray-300 px-2 py-1 text-sm">
            <option value="snapshot">each run&apos;s own version</option>
            <option value="current">the current version</option>
          </select>
        </label>
      </div>
      {selectedIds.length > 0 ? (
        <div role="group" aria-label="Selected executions" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium text-gray-900">{selectedIds.length} selected</span>
          {(["rerun", "cancel", "delete"] as const).map((action) => (
            <Button key={action} variant={action === "rerun" ? "primary" : "secondary"} onClick={() => ask(action, { kind: "selected", ids: selectedIds }, selectedIds.length)}>
              {VERBS[action].label} {selectedIds.length} selected
            </Button>
          ))}
          <Button variant="ghost" onClick={onClearSelection}>
            Clear selection
          </Button>
        </div>
      ) : null}
      {filtered ? (
        <div role="group" aria-label="Executions matching this filter" className="flex flex-wrap items-center gap-2 text-sm">
          {matching?.capped ? (
            <span className="text-gray-700">More than {matching.limit.toLocaleString("en-US")} match this filter: narrow it to act on all of them.</span>
          ) : (
            (["rerun", "cancel", "delete"] as const).map((action) => (
              <Button
                key={action}
                variant="secondary"
                disabled={!matching || matchingCount === 0}
                onClick={() => ask(action, { kind: "filter", filters }, matchingCount)}
              >
                {VERBS[action].label} all {matching ? matchingCount.toLocaleString("en-US") : "…"} matching this filter
              </Button>
            ))
          )}
        </div>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${VERBS[pending.action].label} ${plural(pending.count)}?` : ""}
        confirmLabel={pending ? `${VERBS[pending.action].label} ${plural(pending.count)}` : ""}
        pending={start.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => request && start.mutate(request)}
      >
        {pending ? (
          <div className="space-y-2">
            <p>
              {pending.target.kind === "filter" ? `All ${plural(pending.count)} matching this filter will be ${VERBS[pending.action].done}.` : `The ${plural(pending.count)} you selected will be ${VERBS[pending.action].done}.`}{" "}
              {VERBS[pending.action].explain}
            </p>
            {pending.action === "rerun" ? <p className="text-gray-600">Against {version === "snapshot" ? "each run's own version" : "the current version of each workflow"}.</p> : null}
            {start.isError ? (
              <p role="alert" className="text-red-700">
                {errorMessage(start.error)}
              </p>
            ) : null}
          </div>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
