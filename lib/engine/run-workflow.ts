import { resolveExpressions, type ExpressionScope } from "./expressions";
import { serializeError } from "./serialize-error";
import type {
  NodeResult,
  PlanStep,
  RunCallbacks,
  RunResult,
  TriggerPayload,
  ValidatedWorkflow,
  WebhookResponse,
} from "./types";

export type RunOptions = {
  triggerNodeId: string;
  trigger: TriggerPayload;
  callbacks?: RunCallbacks;
  signal?: AbortSignal;
  /** Wall clock for timestamps and `$now`; injectable for deterministic tests. */
  now?: () => Date;
};

const NEVER_ABORTED = new AbortController().signal;

/**
 * Runs the plan's steps in topological order from the trigger. A step runs when one of its
 * incoming connections was taken (its source ran and chose that output); because the order is
 * topological, every parent has settled by then. Steps on branches not taken are skipped silently.
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

  const now = opts.now ?? (() => new Date());
  const signal = opts.signal ?? NEVER_ABORTED;
  const callbacks = opts.callbacks ?? {};
  // Per step: the output branch it took (undefined = did not run or failed) and its data.
  const taken: (string | undefined)[] = new Array<string | undefined>(plan.steps.length);
  const outputs: unknown[] = new Array<unknown>(plan.steps.length);
  const nodeResults: NodeResult[] = [];
  const executionPath: string[] = [];
  let response: WebhookResponse | undefined;

  const nodeData = (id: string): unknown => {
    const index = plan.indexById.get(id);
    if (index === undefined) throw new Error(`$node("${id}"): no node with id "${id}"`);
    if (taken[index] === undefined) throw new Error(`$node("${id}"): node "${id}" has not run`);
    return outputs[index];
  };
  const finish = (status: RunResult["status"], extra: Partial<RunResult> = {}): RunResult => ({
    status,
    nodeResults,
    executionPath,
    failedNodes: [],
    ...(executionPath.length > 0 ? { lastNodeId: executionPath[executionPath.length - 1] } : {}),
    ...(response ? { response } : {}),
    ...extra,
  });

  for (let index = start; index < plan.steps.length; index++) {
    const step = plan.steps[index] as PlanStep;
    let input: unknown = opts.trigger;
    if (index !== start) {
      const edge = step.incoming.find((incoming) => taken[incoming.from] === incoming.output);
      if (edge === undefined) continue;
      input = outputs[edge.from];
    }
    if (signal.aborted) return finish("cancelled", { error: { message: abortMessage(signal) } });

    const result = await runStep(step, input, { trigger: opts.trigger, signal, now, nodeData, callbacks });
    nodeResults.push(result.nodeResult);
    executionPath.push(step.node.id);
    if (result.nodeResult.status === "failed") {
      const nodeError = result.nodeResult.error?.message ?? "unknown error";
      // A node that fails because the run was cancelled is reported as a cancellation.
      if (signal.aborted) return finish("cancelled", { error: { message: abortMessage(signal) } });
      return finish("failed", {
        failedNodes: [step.node.id],
        error: { message: `node "${step.node.id}" (${step.node.type}) failed: ${nodeError}` },
      });
    }
    taken[index] = result.output;
    outputs[index] = result.nodeResult.data;
    // The first response wins: once a webhook has answered, a later respond node cannot change it.
    if (result.response !== undefined && response === undefined) response = result.response;
  }
  return finish("completed");
}

type StepEnvironment = {
  trigger: TriggerPayload;
  signal: AbortSignal;
  now: () => Date;
  nodeData: (id: string) => unknown;
  callbacks: RunCallbacks;
};

type HandlerContext = Parameters<PlanStep["handler"]["execute"]>[0];

type StepOutcome = { nodeResult: NodeResult; output: string; response?: WebhookResponse };

async function runStep(step: PlanStep, input: unknown, env: StepEnvironment): Promise<StepOutcome> {
  const { node, handler } = step;
  const startedAt = env.now();
  await notify(() => env.callbacks.onNodeStart?.({ nodeId: node.id, nodeType: node.type, startedAt }));
  const startedMs = performance.now();
  const base = { nodeId: node.id, nodeType: node.type, runIndex: 0, input, startedAt };

  let outcome: StepOutcome;
  try {
    const scope: ExpressionScope = { json: input, trigger: env.trigger, node: env.nodeData, now: env.now };
    const parameters = await resolveParameters(step, scope);
    const ctx: HandlerContext = {
      node,
      // The handler's schema parsed these at validation, so they have the handler's type.
      parameters: parameters as HandlerContext["parameters"],
      input,
      trigger: env.trigger,
      signal: env.signal,
      expr: (value, parameter = "") => resolveExpressions(value, scope, parameter),
      now: env.now,
    };
    const produced = await handler.execute(ctx);
    const output = produced.output ?? "main";
    if (!handler.outputs.includes(output)) {
      throw new Error(`${handler.type} node returned output "${output}", which is not one of its outputs`);
    }
    const durationMs = performance.now() - startedMs;
    outcome = {
      nodeResult: { ...base, status: "succeeded", data: produced.data, finishedAt: env.now(), durationMs },
      output,
      ...(produced.response ? { response: produced.response } : {}),
    };
  } catch (thrown) {
    const durationMs = performance.now() - startedMs;
    outcome = {
      nodeResult: { ...base, status: "failed", data: undefined, error: serializeError(thrown), finishedAt: env.now(), durationMs },
      output: "main",
    };
  }
  await notify(() => env.callbacks.onNodeFinish?.(outcome.nodeResult));
  return outcome;
}

/** Resolves only the parameters the handler declared; the rest are passed as validated. */
async function resolveParameters(step: PlanStep, scope: ExpressionScope): Promise<unknown> {
  const keys = step.handler.expressionParameters;
  if (keys === undefined || keys.length === 0) return step.parameters;
  const source = step.parameters as Record<string, unknown>;
  let resolved: Record<string, unknown> | undefined;
  for (const key of keys as readonly string[]) {
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

function abortMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== "AbortError") return `Run cancelled: ${reason.message}`;
  if (typeof reason === "string" && reason !== "") return `Run cancelled: ${reason}`;
  return "Run cancelled";
}
