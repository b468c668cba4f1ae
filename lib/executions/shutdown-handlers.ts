import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { finishDrain, startDraining } from "./graceful-shutdown";

// After the drain, a moment for the last answers to leave before the process ends.
const FLUSH_MS = 200;

// `next start` handles SIGTERM/SIGINT itself: it stops accepting connections, waits for open
// connections to end, then calls process.exit. Keep-alive clients can hold it open for as long
// as they keep sending, and runs continuing after their response (after(), "immediately"
// mode) would die with it. So: mark the server draining first (every webhook, on new and
// keep-alive connections alike, gets 503 + Retry-After + Connection: close), hold
// process.exit until running executions are done or the grace period is over, then exit
// whatever Next is still waiting for. Runs still going at the end are handed to another
// process (graceful-shutdown.ts), not thrown away.
export function installShutdownHandlers(): void {
  const graceMs = engineEnv().HOOKFLOW_SHUTDOWN_GRACE_MS;
  let drained: Promise<void> | undefined;
  const realExit = process.exit.bind(process);

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.prependListener(signal, () => {
      startDraining(signal);
      if (drained) return;
      drained = finishDrain(graceMs).then(() => new Promise((resolve) => setTimeout(resolve, FLUSH_MS)));
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
