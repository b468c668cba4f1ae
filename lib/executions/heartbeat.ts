import { logger } from "@/lib/logger";
import { LEASE_SECONDS, renewLease, type RunRef } from "./lifecycle/execution-lifecycle";

// While a run is in progress its runner renews the lease in its row, and the same statement
// tells it whether the row is still its own: a cancel, or a resume by another runner after the
// lease expired (on any instance), is seen here within one beat.
export const BEAT_MS = 500;

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

/**
 * The runner could not renew its lease before it ran out (the database slow or away, this
 * process starved): another runner may have claimed the run, so this one stops before it
 * starts anything more, and writes nothing (the claimer, or the sweep after the database is
 * back, resumes the run from its saved nodes).
 */
export class LeaseLostError extends Error {
  constructor() {
    super("The run's lease ran out before it could be renewed; another runner may hold the run");
    this.name = "LeaseLostError";
  }
}

// The lease was set by the statement just before the heartbeat starts (start or claim), and
// each renewal sets it from the database's clock after the renewal was sent: counting from
// those moments on this process's clock, a beat earlier than the lease is still safely ours.
const LEASE_MS = LEASE_SECONDS * 1000;

/** Starts renewing the lease; returns the signal the run obeys and a stop function. */
export function startHeartbeat(run: RunRef, parent?: AbortSignal): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  local.set(run.executionId, controller);

  let beating = false;
  let heldSince = performance.now();
  const timer = setInterval(() => {
    if (controller.signal.aborted) return;
    if (performance.now() - heldSince > LEASE_MS - BEAT_MS) {
      logger.warn("execution lease ran out before it was renewed; stopping this runner", { executionId: run.executionId, attempt: run.attempt });
      controller.abort(new LeaseLostError());
      return;
    }
    if (beating) return;
    beating = true;
    const sentAt = performance.now();
    renewLease(run)
      .then((ours) => {
        if (!ours) controller.abort(new ExecutionStoppedError());
        else heldSince = sentAt;
      })
      .catch((error: unknown) => logger.warn("execution heartbeat failed", { executionId: run.executionId, error }))
      .finally(() => (beating = false));
  }, BEAT_MS);
  timer.unref();

  return {
    signal: controller.signal,
    stop: () => {
      clearInterval(timer);
      parent?.removeEventListener("abort", onParentAbort);
      local.delete(run.executionId);
    },
  };
}
