import { preparedQuery } from "@/lib/db";
import { inBatches } from "@/lib/executions/lifecycle/prune-executions";
import { IDEMPOTENCY_WINDOW_HOURS } from "./idempotency";

/**
 * A statement deleting at most $1 rows of `table` that match `condition`, picked by their key
 * with FOR UPDATE SKIP LOCKED (a row being written is left for the next pass); returns the count.
 */
export function batchedDelete(table: string, key: string, condition: string): string {
  return `
  WITH gone AS (
    DELETE FROM "${table}" WHERE (${key}) IN (
      SELECT ${key} FROM "${table}" WHERE ${condition} LIMIT $1::int FOR UPDATE SKIP LOCKED)
    RETURNING 1)
  SELECT count(*)::int AS "count" FROM gone`;
}

// Webhook bookkeeping that only matters for a while: idempotency keys stop matching after
// their window, rate-limit windows after they end. Deleted in small SKIP LOCKED batches by
// the maintenance pass so a claim or a counter being written is never waited on.
const DELIVERIES = batchedDelete("WebhookDelivery", `"id"`, `"createdAt" < now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`);
const WINDOWS = batchedDelete("RateLimitWindow", `"key", "windowStart"`, `"expiresAt" < now()`);

/** Runs a batchedDelete statement until a batch comes back short or the pass's budget is spent. */
export async function prune(name: string, sql: string): Promise<number> {
  return inBatches(async (batch) => (await preparedQuery<{ count: number }>(name, sql, [batch]))[0]?.count ?? 0);
}

export async function pruneWebhookState(): Promise<{ deliveries: number; rateLimitWindows: number }> {
  return {
    deliveries: await prune("hookflow_prune_deliveries", DELIVERIES),
    rateLimitWindows: await prune("hookflow_prune_rate_windows", WINDOWS),
  };
}
