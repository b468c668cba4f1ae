import { preparedQuery } from "@/lib/db";
import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

// A running execution holds a lease in its row. While the run is in progress the
// runner renews it, and the same statement tells it whether the row is still RUNNING:
// a cancel (or a reconciler) on any instance is seen here within one beat.
// Read once at load: every statement of this process uses the same lease.
export const LEASE_SECONDS = engineEnv().HOOKFLOW_LEASE_SECONDS;
export const BEAT_MS = 500;

const RENEW = `UPDATE "Execution" SET "leaseExpiresAt" = now() + make_interval(secs => $2)
               WHERE "id" = $1::uuid AND "status" = 'RUNNING' RETURNING "status"`;

// Same-process fast path: a cancel handled by this instance aborts at once instead of
// at the next beat. Only an optimization; the database decides.
const local = new Map<string, AbortController>();

export function abortLocalRun(executionId: string, reason: Error): void {
  local.get(executionId)?.abort(reason);
}

export class ExecutionStoppedError extends Error {
  constructor(message = "Execution was cancelled") {
    super(message);
    this.name = "CancelledError";
  }
}

/** Starts renewing the lease; returns the signal the run obeys and a stop function. */
export function startHeartbeat(executionId: string, parent?: AbortSignal): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  local.set(executionId, controller);

  let beating = false;
  const timer = setInterval(() => {
    if (beating || controller.signal.aborted) return;
    beating = true;
    preparedQuery("hookflow_execution_heartbeat", RENEW, [executionId, LEASE_SECONDS])
      .then((rows) => {
        if (rows.length === 0) controller.abort(new ExecutionStoppedError());
      })
      .catch((error: unknown) => logger.warn("execution heartbeat failed", { executionId, error }))
      .finally(() => (beating = false));
  }, BEAT_MS);
  timer.unref();

  return {
    signal: controller.signal,
    stop: () => {
      clearInterval(timer);
      parent?.removeEventListener("abort", onParentAbort);
      local.delete(executionId);
    },
  };
}
