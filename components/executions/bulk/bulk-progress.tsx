"use client";
import { Button } from "@/components/ui/button";
import { useBulkOperation } from "./use-bulk";

const DOING: Record<string, string> = { rerun: "Re-running", cancel: "Cancelling", delete: "Deleting" };
const DONE: Record<string, string> = { rerun: "Re-ran", cancel: "Cancelled", delete: "Deleted" };

// A bulk operation's progress, live: refetched on its realtime event and polled while it runs.
export function BulkProgress({ operationId, onDismiss }: { operationId: string; onDismiss: () => void }) {
  const { data, error } = useBulkOperation(operationId);
  if (!data) {
    return error ? <p role="alert" className="text-sm text-red-700">Could not load the bulk operation: {error.message}</p> : null;
  }
  const processed = data.done + data.failed + data.skipped;
  const percent = data.total ? Math.round((processed / data.total) * 100) : 100;
  const running = data.status === "RUNNING";
  return (
    <section
      aria-label="Bulk operation progress"
      data-operation-id={data.id}
      data-status={data.status}
      className={`space-y-2 rounded-lg border px-4 py-3 shadow-xs ${running ? "border-blue-200 bg-blue-50/60" : "border-green-200 bg-green-50/60"}`}
    >
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p className="font-medium text-gray-900" role="status">
          {running ? `${DOING[data.action]} ${data.total} executions…` : `${DONE[data.action]} ${data.total} executions`}{" "}
          <span className="tabular-nums text-gray-700">
            {processed} of {data.total}
          </span>
        </p>
        <span className="text-xs text-gray-600">
          {data.done} done · {data.failed} failed · {data.skipped} skipped
          {data.action === "rerun" && data.version ? ` · against ${data.version === "snapshot" ? "each run's version" : "the current version"}` : ""}
        </span>
        {running ? null : (
          <Button variant="ghost" className="ml-auto" onClick={onDismiss}>
            Dismiss
          </Button>
        )}
      </div>
      <div role="progressbar" aria-label="Bulk operation" aria-valuemin={0} aria-valuemax={data.total} aria-valuenow={processed} className="h-2 overflow-hidden rounded-full bg-white ring-1 ring-inset ring-gray-200">
        <div className={`h-full transition-[width] duration-300 ${running ? "bg-blue-600" : "bg-green-600"}`} style={{ width: `${percent}%` }} />
      </div>
      {data.problems.length ? (
        <ul className="space-y-0.5 text-xs text-gray-700" aria-label="Executions that failed or were skipped">
          {data.problems.slice(0, 5).map((p) => (
            <li key={p.executionId}>
              <span className="font-mono">{p.executionId.slice(0, 8)}</span> {p.status.toLowerCase()}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
