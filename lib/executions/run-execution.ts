import { randomUUID } from "node:crypto";
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { ResumeState, RunResult, TriggerPayload, ValidatedWorkflow } from "@/lib/engine/types";
import type { ExecutionMode } from "@/lib/generated/prisma/client";
import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { engineRunSettings } from "./engine-settings";
import { startHeartbeat } from "./heartbeat";
import { trackRun } from "./in-flight";
import { finishExecution, parkExecution, startExecution, startExecutionOnce, type ExecutionFinish, type RunRef } from "./lifecycle/execution-lifecycle";
import { LiveNodeWriter } from "./live-node-writer";
import type { SentResponse } from "./sent-response";
import { keepSaving } from "./keep-saving";
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
  /** A webhook answered as soon as its row is committed (`immediately`): what its sender gets. */
  sentAtStart?: (executionId: string) => SentResponse;
};

/** A run this process holds: a fresh one (attempt 1) or one resumed from its saved nodes. */
export type HeldRun = {
  run: RunRef;
  workflow: ValidatedWorkflow;
  triggerNodeId: string;
  trigger: TriggerPayload;
  startedAt: Date;
  /** performance.now() at the start, for a precise duration of a run that never left this process. */
  startedAtMs?: number;
  resume?: ResumeState;
  /** The path earlier attempts committed. */
  pathSoFar?: readonly string[];
  published: Promise<void>;
  /** Ends this run's place in the in-flight set (graceful shutdown waits for it). */
  untrack: () => void;
};

export type StartedExecution = ExecutionRequest & HeldRun & { id: string };

export type ExecutionOutcome<A = unknown> = {
  executionId: string;
  /** The saved status; when `recorded` is false, the status the run reached but could not save yet. */
  status: ExecutionStatus;
  /** False: the database did not take the result in time; it is still being retried in the background. */
  recorded: boolean;
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
  /**
   * What the webhook's sender gets, written by the statement that ends the run (finish or
   * park), so recording it costs no statement. Asked when that statement is built
   * ("final"), and again if the write failed and is retried in the background
   * ("unrecorded": the sender is then told 503, and the retried write stores that).
   */
  sentResponse?: (answer: A | undefined, when: "final" | "unrecorded") => SentResponse | undefined;
};

// Step 1: the RUNNING row is committed before anything runs, then the owner is told.
export async function beginExecution(request: ExecutionRequest): Promise<StartedExecution> {
  const id = randomUUID();
  const startedAt = new Date();
  const startedAtMs = performance.now();
  const sentResponse = request.sentAtStart?.(id);
  const { run, published } = await startExecution({ ...request, id, startedAt, ...(sentResponse ? { sentResponse } : {}) });
  const untrack = trackRun(run);
  return { ...request, id, run, startedAt, startedAtMs, published, untrack };
}

/**
 * Step 1 under a given id, once: null when a run with that id was started before (by an earlier
 * try of the same work; it is finished, or resumed from its lease like any run).
 */
export async function beginExecutionOnce(request: ExecutionRequest, id: string): Promise<StartedExecution | null> {
  const startedAt = new Date();
  const startedAtMs = performance.now();
  const started = await startExecutionOnce({ ...request, id, startedAt });
  if (!started) return null;
  const untrack = trackRun(started.run);
  return { ...request, id, run: started.run, startedAt, startedAtMs, published: started.published, untrack };
}

function crashedResult(error: unknown): RunResult {
  const message = error instanceof Error ? error.message : String(error);
  return { status: "failed", nodeResults: [], executionPath: [], failedNodes: [], error: { message: `Engine error: ${message}` } };
}

// Step 2: run the engine, save node rows and the final status (or park), then publish.
// Never throws: every path ends in a saved status, a result still being retried, or a run
// left to its lease (another process resumes it).
export async function completeExecution<A = unknown>(held: HeldRun, options: CompleteOptions<A> = {}): Promise<ExecutionOutcome<A>> {
  const { run } = held;
  const writer = new LiveNodeWriter(run, held.startedAtMs ?? performance.now(), held.pathSoFar);
  const heartbeat = startHeartbeat(run, options.signal);
  let result: RunResult;
  try {
    result = await runWorkflow(held.workflow, {
      triggerNodeId: held.triggerNodeId,
      trigger: held.trigger,
      signal: heartbeat.signal,
      callbacks: { onNodeFinish: (r) => writer.add(r) },
      parking: { afterMs: engineEnv().HOOKFLOW_PARK_AFTER_MS },
      runId: run.executionId,
      tenant: run.userId,
      ...(held.resume ? { resume: held.resume } : {}),
      ...engineRunSettings(),
    });
  } catch (error) {
    logger.error("engine threw", { executionId: run.executionId, error });
    result = crashedResult(error);
  }
  const pending = await writer.takePending();
  const events = () => Promise.all([held.published, writer.publishedSoFar()]);
  const answer = options.answer?.(result);

  if (result.parked) {
    let parked = false;
    let published: Promise<unknown> = Promise.resolve();
    try {
      ({ parked, published } = await parkExecution(run, result.parked, pending, result.executionPath, options.sentResponse?.(answer, "final")));
    } catch (error) {
      // Not parked: the lease expires and another process resumes the run from its saved nodes.
      logger.error("could not park execution; it will be resumed when its lease expires", { executionId: run.executionId, error });
    }
    heartbeat.stop();
    const all = Promise.all([events(), published]).then(() => undefined);
    void all.finally(held.untrack);
    return { executionId: run.executionId, status: "WAITING", recorded: parked, result, published: all, ...(answer !== undefined ? { answer } : {}) };
  }

  const finishedAt = new Date();
  const durationMs = Math.max(0, Math.round(held.startedAtMs !== undefined && run.attempt === 1 ? performance.now() - held.startedAtMs : finishedAt.getTime() - held.startedAt.getTime()));
  const computed = executionStatusFromRun(result.status);
  const sent = options.sentResponse?.(answer, "final");
  const finish: ExecutionFinish = {
    run,
    status: computed,
    finishedAt,
    durationMs,
    executionPath: result.executionPath,
    ...(result.error ? { error: { message: result.error.message, failedNodeIds: result.failedNodes } } : {}),
    nodes: pending,
    ...(options.storeAnswer ? { response: answer } : {}),
    ...(sent ? { sentResponse: sent } : {}),
  };

  let status = computed;
  let recorded = false;
  let saved: Promise<unknown>;
  try {
    const { saved: row, published } = await finishExecution(finish);
    status = row.status;
    recorded = row.owned;
    saved = published;
    heartbeat.stop();
  } catch (error) {
    // The result is kept and written when the database is back; the lease stays renewed meanwhile.
    logger.error("execution result not saved yet; retrying in the background", { executionId: run.executionId, status: computed, error });
    const unrecorded = options.sentResponse?.(answer, "unrecorded");
    saved = keepSaving(unrecorded ? { ...finish, sentResponse: unrecorded } : finish).finally(heartbeat.stop);
  }

  const published = Promise.all([events(), saved]).then(() => undefined);
  // In flight until its result and events are out, so a draining server waits for them.
  void published.finally(held.untrack);
  return { executionId: run.executionId, status, recorded, result, published, ...(answer !== undefined ? { answer } : {}) };
}
