import type { NetworkPolicy } from "./node-handler";
import type { NodeInput } from "./node-handler";
import { realClock, resolveLimits, RunTimeoutError, type Clock, type RunLimits } from "./run-limits";
import { runStep, type StepEnvironment } from "./run-step";
import { storeOutput } from "./store-output";
import type { PlanStep, ResumeState, RunCallbacks, RunResult, TriggerPayload, ValidatedWorkflow, WebhookResponse, NodeResult } from "./types";

export type RunOptions = {
  triggerNodeId: string;
  trigger: TriggerPayload;
  callbacks?: RunCallbacks;
  /** Cancels the run: it stops at the next node boundary and the in-flight node is aborted. */
  signal?: AbortSignal;
  /** Wall clock for timestamps and `$now`; `clock.now` takes precedence. Kept for older callers. */
  now?: () => Date;
  /** Time for timestamps, waits and retry backoff; a fake makes those deterministic in tests. */
  clock?: Clock;
  limits?: RunLimits;
  /** The server's policy for outgoing requests (httpRequest nodes). */
  network?: NetworkPolicy;
  /**
   * Lets `wait` nodes longer than `afterMs` park the run: it returns "waiting" with `parked`, and
   * the caller resumes it later with `resume`. Without it every wait sleeps in process.
   */
  parking?: { afterMs: number };
  /** The caller's id for the run (nodes may use it, e.g. httpRequest's idempotency key). */
  runId?: string;
  /** Who the run belongs to (a user id): shared resources such as code workers are shared fairly between tenants. */
  tenant?: string;
  /** Continue a run an earlier attempt began: completed nodes are not run again. */
  resume?: ResumeState;
};

const NEVER_ABORTED = new AbortController().signal;
// setTimeout fires at once for delays above 2^31 - 1 ms, so a larger limit means "at most that".
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the plan's steps in topological order from the trigger. A step runs when at least one of
 * its incoming connections was taken (its source ran and chose that output); because the order is
 * topological, every parent has settled by then, which is what makes a join wait for exactly the
 * branches that were taken. Steps on branches not taken are skipped silently.
 */
export async function runWorkflow(workflow: ValidatedWorkflow, opts: RunOptions): Promise<RunResult> {
  const { plan } = workflow;
  const start = plan.indexById.get(opts.triggerNodeId);
  const startStep = start === undefined ? undefined : plan.steps[start];
  if (start === undefined || startStep === undefined) {
    throw new Error(`runWorkflow: trigger node "${opts.triggerNodeId}" does not exist in this workflow`);
  }
  if (startStep.handler.isTrigger !== true) {
    throw new Error(`runWorkflow: node "${opts.triggerNodeId}" is a ${startStep.handler.type} node, not a trigger`);
  }

  const limits = resolveLimits(opts.limits);
  const clock = opts.clock ?? (opts.now ? { now: opts.now, sleep: realClock.sleep } : realClock);
  const external = opts.signal ?? NEVER_ABORTED;
  // Per step: the output branch it took (undefined = did not run or failed) and its data, real and stored.
  const taken: (string | undefined)[] = new Array<string | undefined>(plan.steps.length);
  const outputs: unknown[] = new Array<unknown>(plan.steps.length);
  const stored: unknown[] = new Array<unknown>(plan.steps.length);
  const nodeResults: NodeResult[] = [];
  const executionPath: string[] = [];
  const failedNodes: string[] = [];
  let response: WebhookResponse | undefined;
  let lastData: unknown;

  const finish = (status: RunResult["status"], extra: Partial<RunResult> = {}): RunResult => ({
    status,
    nodeResults,
    executionPath,
    failedNodes,
    ...(executionPath.length > 0 ? { lastNodeId: executionPath[executionPath.length - 1], lastData } : {}),
    ...(response ? { response } : {}),
    ...extra,
  });
  // Saved workflows were checked against maxNodes at save time; a lower server limit still applies.
  if (plan.steps.length > limits.maxNodes) {
    return finish("failed", { error: { message: `workflow has ${plan.steps.length} nodes; the limit is ${limits.maxNodes} (limits.maxNodes)` } });
  }

  // The trigger payload is parsed JSON, so measuring it cannot throw.
  const triggerStored = storeOutput(opts.trigger, limits.maxOutputBytes);
  const run = runSignal(external, Math.min(limits.maxRunMs, MAX_TIMER_MS));
  const stopped = (nodeId?: string): RunResult => {
    if (external.aborted) return finish("cancelled", { error: { message: abortMessage(external) } });
    // Otherwise the run's own deadline fired.
    if (nodeId !== undefined && !failedNodes.includes(nodeId)) failedNodes.push(nodeId);
    return finish("failed", { error: { message: new RunTimeoutError(limits.maxRunMs).message } });
  };
  const env: StepEnvironment = {
    trigger: opts.trigger,
    signal: run.signal,
    clock,
    now: () => clock.now(),
    limits,
    nodeData: (id) => {
      const index = plan.indexById.get(id);
      if (index === undefined) throw new Error(`$node("${id}"): no node with id "${id}"`);
      if (taken[index] === undefined) throw new Error(`$node("${id}"): node "${id}" has not run`);
      return outputs[index];
    },
    callbacks: opts.callbacks ?? {},
    ...(opts.network ? { network: opts.network } : {}),
    ...(opts.parking ? { parking: opts.parking } : {}),
    ...(opts.runId ? { runId: opts.runId } : {}),
    ...(opts.tenant !== undefined ? { tenant: opts.tenant } : {}),
    ...(opts.resume?.waiting ? { resumeWait: opts.resume.waiting } : {}),
  };
  const completed = opts.resume?.completed;

  try {
    for (let index = start; index < plan.steps.length; index++) {
      const step = plan.steps[index] as PlanStep;
      let input: unknown = opts.trigger;
      let storedInput: unknown = triggerStored;
      let inputs: NodeInput[] = [];
      if (index !== start) {
        inputs = takenInputs(step, plan.steps, taken, outputs);
        const first = inputs[0];
        if (first === undefined) continue;
        input = first.data;
        storedInput = stored[plan.indexById.get(first.from) as number];
      }
      if (run.signal.aborted) return stopped();

      const saved = completed?.get(step.node.id);
      if (saved !== undefined) {
        // Ran in an earlier attempt and was saved: follow its branch with its saved output.
        executionPath.push(step.node.id);
        lastData = saved.data;
        taken[index] = saved.output;
        outputs[index] = saved.data;
        stored[index] = saved.data;
        if (saved.status === "failed") {
          failedNodes.push(step.node.id);
          if (!step.settings.continueOnFail) return finish("failed", { error: { message: `node "${step.node.id}" (${step.node.type}) failed` } });
        }
        continue;
      }

      const result = await runStep(step, input, inputs, storedInput, env);
      if (result.parkedUntil !== undefined) {
        const { nodeResult } = result;
        return finish("waiting", {
          parked: { nodeId: step.node.id, nodeType: step.node.type, input: nodeResult.input, startedAt: nodeResult.startedAt, resumeAt: result.parkedUntil },
        });
      }
      nodeResults.push(result.nodeResult);
      executionPath.push(step.node.id);
      lastData = result.data;
      if (result.nodeResult.status !== "succeeded") {
        // A node that fails because the run was cancelled or timed out reports that instead.
        if (run.signal.aborted) return stopped(step.node.id);
        failedNodes.push(step.node.id);
        if (!step.settings.continueOnFail) {
          const nodeError = result.nodeResult.error?.message ?? "unknown error";
          return finish("failed", { error: { message: `node "${step.node.id}" (${step.node.type}) failed: ${nodeError}` } });
        }
      }
      taken[index] = result.output;
      outputs[index] = result.data;
      stored[index] = result.nodeResult.data;
      // The first response wins: once a webhook has answered, a later respond node cannot change it.
      if (result.response !== undefined && response === undefined) response = result.response;
    }
  } finally {
    run.dispose();
  }
  if (failedNodes.length === 0) return finish("completed");
  const list = failedNodes.map((id) => `"${id}"`).join(", ");
  return finish("partial", { error: { message: `${failedNodes.length} node(s) failed and the run continued (continueOnFail): ${list}` } });
}

function takenInputs(step: PlanStep, steps: readonly PlanStep[], taken: readonly (string | undefined)[], outputs: readonly unknown[]): NodeInput[] {
  const inputs: NodeInput[] = [];
  for (const edge of step.incoming) {
    if (taken[edge.from] !== edge.output) continue;
    inputs.push({ from: (steps[edge.from] as PlanStep).node.id, output: edge.output, data: outputs[edge.from] });
  }
  return inputs;
}

/** The run's own signal: aborted by the caller's signal or, with a RunTimeoutError, by the deadline. */
function runSignal(external: AbortSignal, maxRunMs: number): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(external.reason);
  if (external.aborted) onAbort();
  else external.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new RunTimeoutError(maxRunMs)), maxRunMs);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      external.removeEventListener("abort", onAbort);
    },
  };
}

function abortMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== "AbortError") return `Run cancelled: ${reason.message}`;
  if (typeof reason === "string" && reason !== "") return `Run cancelled: ${reason}`;
  return "Run cancelled";
}
