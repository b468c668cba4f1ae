// Runs in progress in this process, so a shutting-down server can wait for them.
// Only used for graceful shutdown; nothing correct depends on it (leases and the
// reconciler cover a process that dies without waiting).
const running = new Set<string>();
let idle: (() => void)[] = [];

export function trackRun(executionId: string): () => void {
  running.add(executionId);
  return () => {
    running.delete(executionId);
    if (running.size === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };
}

export function runsInFlight(): string[] {
  return [...running];
}

/** Resolves true when no run is in flight, false if `timeoutMs` passes first. */
export function waitForIdle(timeoutMs: number): Promise<boolean> {
  if (running.size === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    idle.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
