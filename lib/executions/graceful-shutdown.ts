import { logger } from "@/lib/logger";
import { releaseExecutions } from "./lifecycle/execution-lifecycle";
import { runsInFlight, setDraining, waitForIdle } from "./in-flight";

export function startDraining(signal: string): void {
  if (setDraining()) logger.info("shutting down: draining runs", { signal, inFlight: runsInFlight().length });
}

// Let running executions finish within the grace period, then hand the ones still running to
// another process (their leases end now and a resume job is queued): nothing is thrown away.
export async function finishDrain(graceMs: number): Promise<void> {
  const finished = await waitForIdle(graceMs);
  const left = runsInFlight();
  if (finished || left.length === 0) return;
  try {
    const released = await releaseExecutions(left);
    logger.warn("runs still in flight at shutdown handed over for resumption", { count: released.length });
  } catch (error) {
    // Their leases expire and a worker's sweep resumes them.
    logger.error("could not hand over runs at shutdown", { error });
  }
}
