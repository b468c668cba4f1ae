import { randomUUID } from "node:crypto";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { RunResult, TriggerPayload, ValidatedWorkflow } from "@/lib/engine/types";
import type { ExecutionMode } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/realtime/publisher";
import { logger } from "@/lib/logger";
import { engineRunSettings } from "./engine-settings";
import { startHeartbeat } from "./heartbeat";
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
};

export type StartedExecution = ExecutionRequest & { id: string; startedAt: Date; startedAtMs: number; published: Promise<void> };

export type ExecutionOutcome = { executionId: string; status: ExecutionStatus; result: RunResult; published: Promise<void> };

// Step 1: the RUNNING row is committed before anything runs, then the owner is told.
export async function beginExecution(request: ExecutionRequest): Promise<StartedExecution> {
  const id = randomUUID();
  const startedAt = new Date();
  const startedAtMs = performance.now();
  await recordExecutionStart({ ...request, id, startedAt });
  const published = publish({
    userId: request.userId,
    name: "executionStarted",
    data: { executionId: id, workflowId: request.workflowId, startedAt: startedAt.toISOString() },
  });
  return { ...request, id, startedAt, startedAtMs, published };
}

function crashedResult(error: unknown): RunResult {
  const message = error instanceof Error ? error.message : String(error);
  return { status: "failed", nodeResults: [], executionPath: [], failedNodes: [], error: { message: `Engine error: ${message}` } };
}

// Step 2: run the engine, save node rows and the final status, then publish.
// Never throws: every path ends in a saved final status or a logged write failure.
export async function completeExecution(started: StartedExecution, options: { signal?: AbortSignal } = {}): Promise<ExecutionOutcome> {
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

  return { executionId: started.id, status, result, published };
}
