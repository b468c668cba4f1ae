import type { RunRef } from "./lifecycle/execution-lifecycle";

// Runs in progress in this process, so a shutting-down server can wait for them and hand the
// rest over. Only used for graceful shutdown; nothing correct depends on it (leases cover a
// process that dies without waiting).
//
// Kept on globalThis: a production build can hold several copies of this module (the
// instrumentation chunk and each route chunk get their own), and the shutdown handler must
// see the runs every route started, and the routes must see that the server is draining.
type InFlight = { running: Map<string, RunRef>; idle: (() => void)[]; draining: boolean; onDrain: (() => void)[] };
const KEY = Symbol.for("hookflow.in-flight");
const store = globalThis as unknown as Record<symbol, InFlight | undefined>;
const state: InFlight = (store[KEY] ??= { running: new Map(), idle: [], draining: false, onDrain: [] });

export function trackRun(run: RunRef): () => void {
  state.running.set(run.executionId, run);
  return () => {
    state.running.delete(run.executionId);
    if (state.running.size === 0) {
      for (const resolve of state.idle) resolve();
      state.idle = [];
    }
  };
}

export function runsInFlight(): RunRef[] {
  return [...state.running.values()];
}

/** True once SIGTERM arrived: new webhooks are refused with 503 so the balancer retries elsewhere. */
export function isDraining(): boolean {
  return state.draining;
}

export function setDraining(): boolean {
  const was = state.draining;
  state.draining = true;
  if (!was) for (const callback of state.onDrain.splice(0)) callback();
  return !was;
}

/** Called once when the server starts draining (e.g. the in-process worker stops taking jobs). */
export function onDraining(callback: () => void): void {
  if (state.draining) callback();
  else state.onDrain.push(callback);
}

/** Resolves true when no run is in flight, false if `timeoutMs` passes first. */
export function waitForIdle(timeoutMs: number): Promise<boolean> {
  if (state.running.size === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    state.idle.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
