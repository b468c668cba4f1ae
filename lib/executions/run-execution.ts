import { randomUUID } from "node:crypto";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { RunResult, TriggerPayload, ValidatedWorkflow } from "@/lib/engine/types";
import type { ExecutionMode } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/realtime/publisher";
import { logger } from "@/lib/logger";
import { engineRunSettings } from "./engine-settings";
import { startHeartbeat } from "./heartbeat";
import { trackRun } from "./in-flight";
import { LiveNodeWriter, nodeEvents } from "./live-node-writer";
import { recordExecutionFinish, recordExecutionStart } from "./record-execution";
import { executionStatusFromRun, type ExecutionStatus } from "./status";

export type ExecutionRequest = {
  userId: string;
  workflowId: string;
  workflowVersionId: string;
  workflow: ValidatedWorkflow;
  triggerNodeId: string;
  trigger: TriggerPayload;
  mode: ExecutionMode;
  retryOfId?: string;
  /** Webhook runs with a response deadline: the hash of their status URL's token. */
  statusTokenHash?: string;
  /** Refuse the start (429) while the workflow has this many RUNNING executions. */
  maxConcurrency?: number;
};

export type StartedExecution = ExecutionRequest & {
  id: string;
  startedAt: Date;
  startedAtMs: number;
  published: Promise<void>;
  /** Ends this run's place in the in-flight set (graceful shutdown waits for it). */
  untrack: () => void;
};

export type ExecutionOutcome<A = unknown> = {
  executionId: string;
  status: ExecutionStatus;
  result: RunResult;
  published: Promise<void>;
  /** What `answer` computed from the result (the webhook's response), computed once. */
  answer?: A;
};

export type CompleteOptions<A> = {
  signal?: AbortSignal;
  /** Builds the caller's answer from the result before the final write. */
  answer?: (result: RunResult) => A;
  /** Write that answer into Execution.response in the same statement as the final status. */
  storeAnswer?: boolean;
};

// Step 1: the RUNNING row is committed before anything runs, then the owner is told.
export async function beginExecution(request: ExecutionRequest): Promise<StartedExecution> {
  const id = randomUUID();
  const startedAt = new Date();
  const startedAtMs = performance.now();
  await recordExecutionStart({ ...request, id, startedAt });
  const untrack = trackRun(id);
  const published = publish({
    userId: request.userId,
    name: "executionStarted",
    data: { executionId: id, workflowId: request.workflowId, startedAt: startedAt.toISOString() },
  });
  return { ...request, id, startedAt, startedAtMs, published, untrack };
}

function crashedResult(error: unknown): RunResult {
  const message = error instanceof Error ? error.message : String(error);
  return { status: "failed", nodeResults: [], executionPath: [], failedNodes: [], error: { message: `Engine error: ${message}` } };
}

// Step 2: run the engine, save node rows and the final status, then publish.
// Never throws: every path ends in a saved final status or a logged write failure.
export async function completeExecution<A = unknown>(started: StartedExecution, options: CompleteOptions<A> = {}): Promise<ExecutionOutcome<A>> {
  const owner = { userId: started.userId, executionId: started.id, startedAtMs: started.startedAtMs };
  const writer = new LiveNodeWriter(owner);
  const heartbeat = startHeartbeat(started.id, options.signal);
  let result: RunResult;
  try {
    result = await runWorkflow(started.workflow, {
      triggerNodeId: started.triggerNodeId,
      trigger: started.trigger,
      signal: heartbeat.signal,
      callbacks: { onNodeFinish: (r) => writer.add(r) },
      ...engineRunSettings(),
    });
  } catch (error) {
    logger.error("engine threw", { executionId: started.id, error });
    result = crashedResult(error);
  } finally {
    heartbeat.stop();
  }

  const finishedAt = new Date();
  const durationMs = Math.max(0, Math.round(performance.now() - started.startedAtMs));
  const computed = executionStatusFromRun(result.status);
  const pending = await writer.takePending();
  const answer = options.answer?.(result);
  let status = computed;
  try {
    status = await recordExecutionFinish({
      executionId: started.id,
      status: computed,
      finishedAt,
      durationMs,
      executionPath: result.executionPath,
      error: result.error ? { message: result.error.message, failedNodeIds: result.failedNodes } : undefined,
      nodes: pending,
      liveSucceeded: writer.written.succeeded,
      liveFailed: writer.written.failed,
      response: options.storeAnswer ? answer : undefined,
    });
  } catch (error) {
    // Already retried and logged. The owner still hears that the run ended.
    logger.error("execution result could not be saved", { executionId: started.id, status: computed, error });
  }

  const published = Promise.all([
    started.published,
    writer.publishedSoFar(),
    publish(...nodeEvents(owner, pending), {
      userId: started.userId,
      name: "executionCompleted",
      data: { executionId: started.id, workflowId: started.workflowId, status, duration: durationMs },
    }),
  ]).then(() => undefined);

  // In flight until its events are out, so a draining server does not drop them.
  void published.finally(started.untrack);
  return { executionId: started.id, status, result, published, answer };
}
