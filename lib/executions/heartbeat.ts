import { logger } from "@/lib/logger";
import { renewLease, type RunRef } from "./lifecycle/execution-lifecycle";

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

/** Starts renewing the lease; returns the signal the run obeys and a stop function. */
export function startHeartbeat(run: RunRef, parent?: AbortSignal): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  local.set(run.executionId, controller);

  let beating = false;
  const timer = setInterval(() => {
    if (beating || controller.signal.aborted) return;
    beating = true;
    renewLease(run)
      .then((ours) => {
        if (!ours) controller.abort(new ExecutionStoppedError());
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
