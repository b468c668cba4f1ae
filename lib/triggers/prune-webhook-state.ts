import { preparedQuery } from "@/lib/db";
import { inBatches } from "@/lib/executions/lifecycle/prune-executions";
import { IDEMPOTENCY_WINDOW_HOURS } from "./idempotency";

// Webhook bookkeeping that only matters for a while: idempotency keys stop matching after
// their window, rate-limit windows after they end. Deleted in small SKIP LOCKED batches by
// the maintenance pass so a claim or a counter being written is never waited on.
const DELIVERIES = `
  WITH gone AS (
    DELETE FROM "WebhookDelivery" WHERE "id" IN (
      SELECT "id" FROM "WebhookDelivery" WHERE "createdAt" < now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})
      LIMIT $1::int FOR UPDATE SKIP LOCKED)
    RETURNING 1)
  SELECT count(*)::int AS "count" FROM gone`;

const WINDOWS = `
  WITH gone AS (
    DELETE FROM "RateLimitWindow" WHERE ("key", "windowStart") IN (
      SELECT "key", "windowStart" FROM "RateLimitWindow" WHERE "expiresAt" < now()
      LIMIT $1::int FOR UPDATE SKIP LOCKED)
    RETURNING 1)
  SELECT count(*)::int AS "count" FROM gone`;

async function prune(name: string, sql: string): Promise<number> {
  return inBatches(async (batch) => (await preparedQuery<{ count: number }>(name, sql, [batch]))[0]?.count ?? 0);
}

export async function pruneWebhookState(): Promise<{ deliveries: number; rateLimitWindows: number }> {
  return {
    deliveries: await prune("hookflow_prune_deliveries", DELIVERIES),
    rateLimitWindows: await prune("hookflow_prune_rate_windows", WINDOWS),
  };
}
