import { preparedQuery } from "@/lib/db";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime/publisher";
import { runsInFlight, waitForIdle } from "./in-flight";

let draining = false;

/** True once SIGTERM arrived: new webhooks are refused with 503 so the balancer retries elsewhere. */
export function isDraining(): boolean {
  return draining;
}

const CRASH_OWN = `
  UPDATE "Execution" SET "status" = 'CRASHED', "finishedAt" = now(), "leaseExpiresAt" = NULL,
    "durationMs" = GREATEST(0, (EXTRACT(EPOCH FROM (now() - "startedAt")) * 1000)::int),
    "error" = jsonb_build_object('message', 'The server shut down before the run finished', 'failedNodeIds', '[]'::jsonb)
  WHERE "id" = ANY($1::uuid[]) AND "status" = 'RUNNING'
  RETURNING "id"::text AS "id", "userId"::text AS "userId", "workflowId"::text AS "workflowId", "durationMs"`;

export function startDraining(signal: string): void {
  if (draining) return;
  draining = true;
  logger.info("shutting down: draining runs", { signal, inFlight: runsInFlight().length });
}

// Let running executions finish within the grace period, then give the ones still
// running a final status instead of leaving them to lease expiry.
export async function finishDrain(graceMs: number): Promise<void> {
  const finished = await waitForIdle(graceMs);
  const left = runsInFlight();
  if (finished || left.length === 0) return;
  try {
    const rows = await preparedQuery<{ id: string; userId: string; workflowId: string; durationMs: number }>("hookflow_crash_own", CRASH_OWN, [left]);
    await publish(...rows.map((r) => ({ userId: r.userId, name: "executionCompleted" as const, data: { executionId: r.id, workflowId: r.workflowId, status: "CRASHED" as const, duration: r.durationMs } })));
    logger.warn("runs still in flight at shutdown marked CRASHED", { count: rows.length });
  } catch (error) {
    // Their leases expire and the reconciler finishes them.
    logger.error("could not finalize runs at shutdown", { error });
  }
}
