import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { flushRefusals } from "@/lib/deliveries/refusal-log";
import { finishDrain, startDraining } from "./graceful-shutdown";

// After the drain, a moment for the last answers to leave before the process ends.
const FLUSH_MS = 200;

// On SIGTERM/SIGINT the server drains: it keeps listening, so every webhook (on new and
// keep-alive connections alike) gets 503 + Retry-After + Connection: close and /api/health
// 503, letting a balancer move traffic elsewhere; running executions get the grace period to
// finish; then the process exits, whatever connections are still open. Runs still going at
// the end are handed to another process (graceful-shutdown.ts), not thrown away.
// Our scripts start Next with NEXT_MANUAL_SIG_HANDLE=true so this handler owns the signal.
// Without it, `next start`'s own handler closes the listener at once (callers are refused
// rather than told 503) and calls process.exit when connections end: that exit is held
// until the drain is done, so runs are still not dropped.
export function installShutdownHandlers(): void {
  const graceMs = engineEnv().HOOKFLOW_SHUTDOWN_GRACE_MS;
  let drained: Promise<void> | undefined;
  const realExit = process.exit.bind(process);

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.prependListener(signal, () => {
      startDraining(signal);
      if (drained) return;
      // Refused requests counted in memory are written before the process ends.
      drained = finishDrain(graceMs)
        .then(() => flushRefusals())
        .then(() => new Promise((resolve) => setTimeout(resolve, FLUSH_MS)));
      const code = signal === "SIGINT" ? 130 : 143;
      void drained.then(() => {
        logger.info("shutdown: drained, exiting", { signal });
        realExit(code);
      });
    });
  }

  process.exit = ((code?: number | string | null) => {
    if (!drained) return realExit(code);
    void drained.then(() => realExit(code));
    return undefined as never;
  }) as typeof process.exit;
}
