import { hasDatabase } from "@/lib/env";
import { logger } from "@/lib/logger";
import { reconcileExecutions } from "./reconcile-executions";

const EVERY_MS = 60_000;

async function runOnce(reason: string): Promise<void> {
  try {
    const { crashed } = await reconcileExecutions();
    if (crashed.length) logger.warn("marked executions CRASHED", { reason, count: crashed.length, ids: crashed.slice(0, 20) });
  } catch (error) {
    logger.error("reconciler failed", { reason, error });
  }
}

// Started once per server instance (instrumentation.ts): at start, then every minute.
// Every instance may run it; the statement itself makes that safe. On Vercel the
// timer does not outlive a request, so /api/cron/reconcile (vercel.json) covers it.
export function startReconciler(): void {
  if (!hasDatabase()) return;
  void runOnce("startup");
  setInterval(() => void runOnce("interval"), EVERY_MS).unref();
}
