import { resolveExpressions, type ExpressionScope } from "./expressions";
import type { NetworkPolicy, NodeInput } from "./node-handler";
import { retryDelay } from "./node-settings";
import { abortReason, NodeTimeoutError, RunTimeoutError, type Clock, type ResolvedLimits } from "./run-limits";
import { serializeError } from "./serialize-error";
import { storeOutput } from "./store-output";
import type { NodeAttempt, NodeResult, PlanStep, RunCallbacks, TriggerPayload, WebhookResponse } from "./types";

// One node, start to finish: its tries (retryOnFail), each bounded by its own timeout, the error
// turned into output (continueOnFail), and the stored copy of its output (maxOutputBytes).

export type StepEnvironment = {
  trigger: TriggerPayload;
  /** The run's signal: aborted on cancellation and when maxRunMs elapses. */
  signal: AbortSignal;
  clock: Clock;
  now: () => Date;
  limits: ResolvedLimits;
  nodeData: (id: string) => unknown;
  callbacks: RunCallbacks;
  network?: NetworkPolicy;
  /** Waits longer than `afterMs` park the run; absent: the caller cannot park, waits sleep. */
  parking?: { afterMs: number };
  runId?: string;
  tenant?: string;
  /** The parked wait node this run resumes, and when it first started. */
  resumeWait?: { nodeId: string; startedAt: Date };
};

/** Thrown by `ctx.park`: ends the node without a result; the run reports where it parked. */
class ParkRequest {
  constructor(readonly resumeAt: Date) {}
}

export type StepOutcome = {
  nodeResult: NodeResult;
  /** Set when the node parked the run: it has no result yet, and onNodeFinish was not called. */
  parkedUntil?: Date;
  /** The real output, which downstream nodes receive even when `nodeResult.data` is truncated. */
  data: unknown;
  output: string;
  response?: WebhookResponse;
};

type HandlerContext = Parameters<PlanStep["handler"]["execute"]>[0];
type Attempt =
  | { ok: true; data: unknown; stored: unknown; output: string; response?: WebhookResponse; logs?: string[] }
  | { ok: false; thrown: unknown }
  | { ok: "parked"; resumeAt: Date };

// A node that fails after printing (the code node's CodeError) carries its lines on the error.
function thrownLogs(thrown: unknown): string[] | undefined {
  const logs = (thrown as { logs?: unknown } | null)?.logs;
  return Array.isArray(logs) ? (logs as string[]) : undefined;
}

export async function runStep(
  step: PlanStep,
  input: unknown,
  inputs: readonly NodeInput[],
  storedInput: unknown,
  env: StepEnvironment,
): Promise<StepOutcome> {
  const { node } = step;
  const resumed = env.resumeWait?.nodeId === node.id ? env.resumeWait.startedAt : undefined;
  const startedAt = resumed ?? env.now();
  const { onNodeStart, onNodeFinish } = env.callbacks;
  if (onNodeStart) await notify(() => onNodeStart({ nodeId: node.id, nodeType: node.type, startedAt }));
  const startedMs = performance.now();
  const { retry, continueOnFail } = step.settings;
  const attempts: NodeAttempt[] | undefined = retry === undefined ? undefined : [];

  let result: Attempt;
  for (let tryNumber = 1; ; tryNumber++) {
    const attemptStartedAt = tryNumber === 1 ? startedAt : env.now();
    const attemptStartedMs = performance.now();
    result = await attempt(step, input, inputs, storedInput, env, resumed);
    if (result.ok === "parked") break;
    attempts?.push({
      startedAt: attemptStartedAt,
      finishedAt: env.now(),
      durationMs: performance.now() - attemptStartedMs,
      ...(result.ok ? {} : { error: serializeError(result.thrown) }),
    });
    // A cancelled or timed-out run is not retried: the run is over, whatever this node would do.
    if (result.ok || retry === undefined || tryNumber >= retry.maxTries || env.signal.aborted) break;
    try {
      await env.clock.sleep(retryDelay(retry, tryNumber + 1), env.signal);
    } catch (thrown) {
      // An abort here is reported by the run loop, which sees the aborted signal; a clock that fails
      // for another reason fails the node with that error rather than retrying without a wait.
      if (!env.signal.aborted) result = { ok: false, thrown };
      break;
    }
  }

  let outcome: StepOutcome;
  if (result.ok === "parked") {
    const nodeResult: NodeResult = { nodeId: node.id, nodeType: node.type, runIndex: 0, status: "succeeded", input: storedInput, data: undefined, startedAt, finishedAt: startedAt, durationMs: 0 };
    return { nodeResult, data: undefined, output: "main", parkedUntil: result.resumeAt };
  }
  if (result.ok) {
    const nodeResult: NodeResult = {
      nodeId: node.id,
      nodeType: node.type,
      runIndex: 0,
      status: "succeeded",
      output: result.output,
      input: storedInput,
      data: result.stored,
      startedAt,
      finishedAt: env.now(),
      durationMs: performance.now() - startedMs,
    };
    // A resumed wait lasted from its first start, across the park.
    if (resumed) nodeResult.durationMs = nodeResult.finishedAt.getTime() - resumed.getTime();
    if (attempts !== undefined) nodeResult.attempts = attempts;
    if (result.stored !== result.data || nodeResult.input !== input) nodeResult.truncated = true;
    if (result.logs !== undefined) nodeResult.logs = result.logs;
    outcome = { nodeResult, data: result.data, output: result.output };
    if (result.response !== undefined) outcome.response = result.response;
  } else {
    // A node stopped by a cancel did not fail: it says so, without a stack (nothing went wrong in it).
    const cancelled = env.signal.aborted && !(env.signal.reason instanceof RunTimeoutError);
    const error = cancelled ? { message: "Cancelled while running", name: "CancelledError" } : serializeError(result.thrown);
    // With continueOnFail the error is the output, on the node's first output ("main" for most nodes).
    const data = continueOnFail && !env.signal.aborted ? { error: { message: error.message, name: error.name } } : undefined;
    const output = step.outputs[0] ?? "main";
    const nodeResult: NodeResult = {
      nodeId: node.id,
      nodeType: node.type,
      runIndex: 0,
      status: cancelled ? "cancelled" : "failed",
      ...(data !== undefined ? { output } : {}),
      input: storedInput,
      data,
      error,
      startedAt,
      finishedAt: env.now(),
      durationMs: performance.now() - startedMs,
    };
    if (attempts !== undefined) nodeResult.attempts = attempts;
    if (storedInput !== input) nodeResult.truncated = true;
    const logs = thrownLogs(result.thrown);
    if (logs !== undefined) nodeResult.logs = logs;
    outcome = { nodeResult, data, output };
  }
  if (onNodeFinish) await notify(() => onNodeFinish(outcome.nodeResult));
  return outcome;
}

async function attempt(
  step: PlanStep,
  input: unknown,
  inputs: readonly NodeInput[],
  storedInput: unknown,
  env: StepEnvironment,
  resumedFrom: Date | undefined,
): Promise<Attempt> {
  const { node, handler } = step;
  const { timeoutMs } = step.settings;
  // A node gets its own signal only when it has a timeout, which must abort that node and not the run.
  const own = timeoutMs === undefined ? undefined : nodeSignal(env.signal, timeoutMs, node.id);
  const signal = own?.signal ?? env.signal;
  try {
    const scope: ExpressionScope = { json: input, trigger: env.trigger, node: env.nodeData, now: env.now };
    const parameters = await resolveParameters(step, scope);
    signal.throwIfAborted();
    const ctx: HandlerContext = {
      node,
      // The handler's schema parsed these at validation, so they have the handler's type.
      parameters: parameters as HandlerContext["parameters"],
      input,
      inputs,
      trigger: env.trigger,
      signal,
      sleep: (ms) => env.clock.sleep(ms, signal),
      limits: env.limits,
      expr: (value, parameter = "") => resolveExpressions(value, scope, parameter),
      now: env.now,
      ...(env.network ? { network: env.network } : {}),
      ...(env.parking
        ? {
            parkAfterMs: env.parking.afterMs,
            park: (resumeAt: Date) => {
              throw new ParkRequest(resumeAt);
            },
          }
        : {}),
      ...(resumedFrom ? { resumedFrom } : {}),
      ...(env.runId ? { runId: env.runId } : {}),
      ...(env.tenant !== undefined ? { tenant: env.tenant } : {}),
    };
    const pending = handler.execute(ctx);
    // Synchronous nodes skip the race; asynchronous ones are abandoned as soon as the signal aborts,
    // so a node that ignores its signal still cannot hold a cancelled or timed-out run open.
    const produced = pending instanceof Promise ? await raceAbort(pending, signal) : pending;
    const output = produced.output ?? "main";
    if (!step.outputs.includes(output)) {
      throw new Error(`${handler.type} node returned output "${output}", which is not one of its outputs`);
    }
    // A pass-through node (if, switch, noop) outputs its input, which was measured already.
    const stored = produced.data === input ? storedInput : storeOutput(produced.data, env.limits.maxOutputBytes);
    return {
      ok: true,
      data: produced.data,
      stored,
      output,
      ...(produced.response ? { response: produced.response } : {}),
      ...(produced.logs ? { logs: produced.logs } : {}),
    };
  } catch (thrown) {
    if (thrown instanceof ParkRequest) return { ok: "parked", resumeAt: thrown.resumeAt };
    return { ok: false, thrown };
  } finally {
    own?.dispose();
  }
}

function nodeSignal(run: AbortSignal, timeoutMs: number, nodeId: string): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onRunAbort = () => controller.abort(abortReason(run));
  if (run.aborted) onRunAbort();
  else run.addEventListener("abort", onRunAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new NodeTimeoutError(`node "${nodeId}" timed out after ${timeoutMs} ms (timeoutMs)`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      run.removeEventListener("abort", onRunAbort);
    },
  };
}

function raceAbort<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The abandoned promise may still reject later; that rejection is expected and has no reader.
    pending.catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves only the declared parameters that hold a `{{`; the rest are passed as validated. */
async function resolveParameters(step: PlanStep, scope: ExpressionScope): Promise<unknown> {
  const keys = step.expressionKeys;
  if (keys.length === 0) return step.parameters;
  const source = step.parameters as Record<string, unknown>;
  let resolved: Record<string, unknown> | undefined;
  for (const key of keys) {
    const value = source[key];
    const next = await resolveExpressions(value, scope, key);
    if (next !== value) (resolved ??= { ...source })[key] = next;
  }
  return resolved ?? source;
}

// Callbacks belong to the caller (persistence, realtime), which logs its own failures; a failing
// progress report must not change what the workflow did, so errors end here by design.
async function notify(callback: () => void | Promise<void>): Promise<void> {
  try {
    await callback();
  } catch {
    // Intentionally ignored: see above.
  }
}
