import { AppError } from "@/lib/api/errors";
import { logger } from "@/lib/logger";
import { cancelExecution } from "../cancel-execution";
import { deleteExecutions } from "../lifecycle/delete-executions";
import { bulkRerunId, startRerunOnce } from "../rerun-execution";
import { completeExecution } from "../run-execution";
import type { BulkAction } from "./bulk-input";
import type { BulkItemOutcome, BulkOperationRow } from "./bulk-operations";

// What one bulk action does to a chunk of its targets. Every effect may be repeated (a job
// retried after a crash, a claim that ran out) without doing anything twice: a re-run's id is
// derived from (operation, execution) and started at most once; a cancel of a cancelled run
// and a delete of a deleted one change nothing.

type Effect = (operation: BulkOperationRow, executionIds: readonly string[]) => Promise<BulkItemOutcome[]>;

/** AppErrors are the item's outcome; anything else (the database away) leaves the item for a retry. */
function outcomeOf(executionId: string, error: unknown): BulkItemOutcome {
  if (error instanceof AppError && error.code === "not_found") return { executionId, status: "SKIPPED", message: "The execution no longer exists" };
  if (error instanceof AppError) return { executionId, status: "FAILED", message: error.message };
  throw error;
}

// Items settle side by side; the outcomes that are known are returned (and recorded) even when
// another item hit an unexpected error, which is thrown after.
async function eachItem(executionIds: readonly string[], work: (id: string) => Promise<BulkItemOutcome>): Promise<BulkItemOutcome[]> {
  const settled = await Promise.allSettled(executionIds.map(work));
  const outcomes: BulkItemOutcome[] = [];
  let unexpected: unknown;
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") outcomes.push(s.value);
    else {
      try {
        outcomes.push(outcomeOf(executionIds[i] as string, s.reason));
      } catch (error) {
        unexpected ??= error;
      }
    }
  });
  if (unexpected !== undefined) throw Object.assign(new Error("bulk item failed unexpectedly", { cause: unexpected }), { outcomes });
  return outcomes;
}

// The chunk is the worker's concurrency: each re-run runs here, in the worker, to its end
// (or its park), like a run resumed from the queue.
const rerun: Effect = (operation, ids) =>
  eachItem(ids, async (executionId) => {
    const started = await startRerunOnce(operation.userId, operation.id, executionId, operation.version ?? "snapshot");
    if (started) {
      const outcome = await completeExecution(started);
      void outcome.published.catch((error: unknown) => logger.warn("bulk re-run events not published", { error }));
    }
    return { executionId, status: "DONE", resultExecutionId: bulkRerunId(operation.id, executionId) };
  });

const cancel: Effect = (operation, ids) =>
  eachItem(ids, async (executionId) => {
    try {
      await cancelExecution(operation.userId, executionId);
      return { executionId, status: "DONE" };
    } catch (error) {
      // Finished already (or cancelled by an earlier try): nothing to cancel.
      if (error instanceof AppError && error.code === "conflict") return { executionId, status: "SKIPPED", message: error.message };
      throw error;
    }
  });

// Running and waiting executions are not deleted (cancel them first); one already gone counts
// as deleted, which is also what a retried chunk finds.
const remove: Effect = async (operation, ids) => {
  const { stillRunning } = await deleteExecutions(operation.userId, ids);
  const running = new Set(stillRunning);
  return ids.map((executionId) =>
    running.has(executionId) ? { executionId, status: "SKIPPED", message: "Still running or waiting: cancel it first" } : { executionId, status: "DONE" },
  );
};

export const BULK_EFFECTS: Record<BulkAction, Effect> = { rerun, cancel, delete: remove };
