// Run-level limits and the clock. Limits are options rather than environment reads because the
// engine is pure: the server passes its configured values, tests pass small ones.

export type RunLimits = {
  /** Wall time for the whole run; when exceeded the in-flight node is aborted and the run fails. */
  maxRunMs?: number;
  /** Nodes per workflow; checked at save by validateWorkflow and again before a run starts. */
  maxNodes?: number;
  /** Above this many bytes of JSON a node's stored `data` is replaced by a truncation marker. */
  maxOutputBytes?: number;
  /** The longest delay a `wait` node may ask for. */
  maxWaitMs?: number;
};

export type ResolvedLimits = Required<RunLimits>;

export const DEFAULT_LIMITS: ResolvedLimits = {
  maxRunMs: 5 * 60_000,
  maxNodes: 200,
  maxOutputBytes: 1024 * 1024,
  maxWaitMs: 5 * 60_000,
};

/**
 * Time as the engine sees it. Waits and retry backoff go through `sleep`, so a test can pass a fake
 * that records the requested delays and returns at once. Timeouts (`timeoutMs`, `maxRunMs`) use
 * real timers on purpose: a fake that resolves every sleep at once would otherwise fire them too.
 */
export type Clock = {
  now(): Date;
  /** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
};

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    }),
};

export function resolveLimits(limits: RunLimits | undefined): ResolvedLimits {
  if (limits === undefined) return DEFAULT_LIMITS;
  return {
    maxRunMs: limits.maxRunMs ?? DEFAULT_LIMITS.maxRunMs,
    maxNodes: limits.maxNodes ?? DEFAULT_LIMITS.maxNodes,
    maxOutputBytes: limits.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes,
    maxWaitMs: limits.maxWaitMs ?? DEFAULT_LIMITS.maxWaitMs,
  };
}

/** `signal.reason` is `unknown`; an abort without a reason still has to reject with an Error. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/** Thrown into a node whose own `timeoutMs` elapsed. */
export class NodeTimeoutError extends Error {
  override name = "TimeoutError";
}

/** The reason the run's signal is aborted with when `maxRunMs` elapses. */
export class RunTimeoutError extends Error {
  override name = "RunTimeoutError";
  constructor(readonly limitMs: number) {
    super(`run exceeded the maximum run time of ${limitMs} ms (limits.maxRunMs)`);
  }
}
