import { hasDatabase } from "@/lib/env";
import { logger } from "@/lib/logger";
import { pruneWebhookState } from "@/lib/triggers/prune-webhook-state";
import { pruneExecutions, type PruneResult } from "./prune-executions";
import { reconcileExecutions } from "./reconcile-executions";

const EVERY_MS = 60_000;

export type ReconcileReport = { crashed: string[]; pruned: PruneResult; deliveries: number; rateLimitWindows: number };

// One pass: crashed runs first (they matter to users now), then retention and webhook
// bookkeeping. Every step is batched and SKIP LOCKED, so passes on several instances, the
// cron route and startup may overlap. This scheduler is where the layers meet: the webhook
// cleanup lives with the triggers that own those tables.
export async function reconcileAndPrune(): Promise<ReconcileReport> {
  const { crashed } = await reconcileExecutions();
  const pruned = await pruneExecutions();
  const { deliveries, rateLimitWindows } = await pruneWebhookState();
  return { crashed, pruned, deliveries, rateLimitWindows };
}

async function runOnce(reason: string): Promise<void> {
  try {
    const { crashed, pruned, deliveries, rateLimitWindows } = await reconcileAndPrune();
    if (crashed.length) logger.warn("marked executions CRASHED", { reason, count: crashed.length, ids: crashed.slice(0, 20) });
    const removed = Object.values(pruned).reduce((a, b) => a + b, 0) + deliveries + rateLimitWindows;
    if (removed) logger.info("retention pass", { reason, ...pruned, deliveries, rateLimitWindows });
  } catch (error) {
    logger.error("reconciler failed", { reason, error });
  }
}

// Started once per server instance (instrumentation.ts): at start, then every minute.
// Every instance may run it; the statements themselves make that safe. On Vercel the
// timer does not outlive a request, so /api/cron/reconcile (vercel.json) covers it.
export function startReconciler(): void {
  if (!hasDatabase()) return;
  void runOnce("startup");
  setInterval(() => void runOnce("interval"), EVERY_MS).unref();
}
