import { engineEnv } from "@/lib/env";
import { finishDrain, startDraining } from "./graceful-shutdown";

// `next start` handles SIGTERM/SIGINT itself: it stops accepting connections, waits for
// requests in progress, then calls process.exit. Runs continuing after their response
// (after(), "immediately" mode) would die with it. So: mark the server draining first
// (new webhooks get 503), and hold process.exit until running executions are done or
// the grace period is over. Holding exit works whatever order the listeners run in.
export function installShutdownHandlers(): void {
  const graceMs = engineEnv().HOOKFLOW_SHUTDOWN_GRACE_MS;
  let drained: Promise<void> | undefined;
  const realExit = process.exit.bind(process);

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.prependListener(signal, () => {
      startDraining(signal);
      drained ??= finishDrain(graceMs);
      // Without Next's own handler (NEXT_MANUAL_SIG_HANDLE) nobody else exits.
      if (process.listenerCount(signal) === 1) void drained.then(() => realExit(signal === "SIGINT" ? 130 : 143));
    });
  }

  process.exit = ((code?: number | string | null) => {
    if (!drained) return realExit(code);
    void drained.then(() => realExit(code));
    return undefined as never;
  }) as typeof process.exit;
}
