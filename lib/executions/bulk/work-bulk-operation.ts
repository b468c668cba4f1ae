import { bulkEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime/publisher";
import type { RealtimeMessage } from "@/lib/realtime/events";
import type { BulkAction } from "./bulk-input";
import { BULK_EFFECTS } from "./bulk-effects";
import { claimItems, finishIfComplete, operationForWork, recordItems, type BulkItemOutcome, type BulkOperationRow } from "./bulk-operations";

// How many targets a worker takes at once, and for how long it holds them. Re-runs run side
// by side (HOOKFLOW_BULK_CONCURRENCY); cancels and deletes are cheap statements.
const CHUNK: Record<BulkAction, () => number> = { rerun: () => bulkEnv().HOOKFLOW_BULK_CONCURRENCY, cancel: () => 25, delete: () => 200 };
const HOLD_SECONDS: Record<BulkAction, number> = { rerun: 120, cancel: 60, delete: 60 };
// Progress is announced at most this often while it runs (the screens refetch on it).
const ANNOUNCE_EVERY_MS = 250;

export function progressEvent(row: BulkOperationRow): RealtimeMessage {
  return {
    userId: row.userId,
    name: "bulkOperationUpdated",
    data: { operationId: row.id, status: row.status, total: row.total, processed: row.done + row.failed + row.skipped },
  };
}

/**
 * Works a bulk operation's pending items, chunk by chunk, until none is left ("done") or
 * `budgetMs` is spent ("more": the caller queues a continuation). Any number of workers may
 * work one operation at once: they claim different items, and each item's effect and count
 * happen once whoever repeats them.
 */
export async function workBulkOperation(operationId: string, budgetMs = Number.POSITIVE_INFINITY): Promise<"done" | "more" | "none"> {
  const operation = await operationForWork(operationId);
  if (!operation || operation.status !== "RUNNING") return "none";
  const effect = BULK_EFFECTS[operation.action];
  const deadline = Date.now() + budgetMs;
  let announcedAt = 0;
  // At least one chunk per call, however small the budget.
  for (;;) {
    const ids = await claimItems(operationId, CHUNK[operation.action](), HOLD_SECONDS[operation.action]);
    if (ids.length === 0) break;
    let outcomes: BulkItemOutcome[];
    try {
      outcomes = await effect(operation, ids);
    } catch (error) {
      // Keep what is known; the rest stays claimed until its hold runs out, then is tried again.
      await recordItems(operationId, (error as { outcomes?: BulkItemOutcome[] }).outcomes ?? []);
      throw error;
    }
    const row = await recordItems(operationId, outcomes);
    if (row && Date.now() - announcedAt >= ANNOUNCE_EVERY_MS) {
      announcedAt = Date.now();
      void publish(progressEvent(row));
    }
    if (Date.now() > deadline) return "more";
  }
  // Other workers may still hold items; the last one to finish makes it DONE.
  const finished = await finishIfComplete(operationId);
  if (finished) {
    logger.info("bulk operation done", { operationId, action: finished.action, total: finished.total, done: finished.done, failed: finished.failed, skipped: finished.skipped });
    await publish(progressEvent(finished));
  }
  return "done";
}
