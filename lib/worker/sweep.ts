import { queueResume } from "@/lib/jobs/job-queue";
import { resumableExecutions } from "@/lib/executions/lifecycle/execution-lifecycle";
import { pruneExecutions, type PruneResult } from "@/lib/executions/lifecycle/prune-executions";
import { pruneWebhookState } from "@/lib/triggers/prune-webhook-state";
import { pruneSignInThrottles } from "@/lib/auth/sign-in-throttle";
import { pruneRefusals } from "@/lib/deliveries/refusal-log";
import { pruneBulkOperations } from "@/lib/executions/bulk/bulk-operations";
import { sweepStalledBulk } from "./work-bulk-jobs";

const BATCH = 200;

/**
 * Queues a resume job for every run that needs a runner: RUNNING rows whose lease expired (the
 * runner died) and WAITING rows whose scheduled job went missing; and a job for every bulk
 * operation nobody has moved for a minute (its job was lost). Read-only on executions (the
 * worker's claim decides) and deduplicated by the queue, so any number may run at once.
 */
export async function sweepResumable(): Promise<string[]> {
  const ids: string[] = [];
  for (let round = 0; round < 50; round++) {
    const batch = await resumableExecutions(BATCH);
    if (batch.length === 0) break;
    await queueResume(batch.map((executionId) => ({ executionId })));
    ids.push(...batch);
    if (batch.length < BATCH) break;
  }
  await sweepStalledBulk();
  return ids;
}

export type MaintenanceReport = {
  queued: string[];
  pruned: PruneResult;
  deliveries: number;
  rateLimitWindows: number;
  refusals: number;
  bulkOperations: number;
  signInThrottles: number;
};

// One pass: runs needing a runner first (they matter to users now), then retention and
// webhook bookkeeping. Every step is batched and SKIP LOCKED, so passes on several
// instances, the cron route and startup may overlap.
export async function maintain(): Promise<MaintenanceReport> {
  const queued = await sweepResumable();
  const pruned = await pruneExecutions();
  const { deliveries, rateLimitWindows } = await pruneWebhookState();
  const refusals = await pruneRefusals();
  const bulkOperations = await pruneBulkOperations();
  const signInThrottles = await pruneSignInThrottles();
  return { queued, pruned, deliveries, rateLimitWindows, refusals, bulkOperations, signInThrottles };
}
