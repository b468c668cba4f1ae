import { pool, preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { engineEnv } from "@/lib/env";
import type { NodeResult, ParkedNode, TriggerPayload } from "@/lib/engine/types";
import type { ExecutionMode } from "@/lib/generated/prisma/client";
import { queueResume } from "@/lib/jobs/job-queue";
import { logger } from "@/lib/logger";
import { microBatch } from "@/lib/micro-batch";
import { publish } from "@/lib/realtime/publisher";
import { serializeJson } from "../json";
import { sentResponseColumns, type SentResponse } from "../sent-response";
import { EXECUTION_STATUS_INFO, type ExecutionStatus } from "../status";
import { withWriteRetry } from "../with-write-retry";
import { nodesEvent, startedEvent, statusEvent, type SavedExecution } from "./execution-events";
import { nodeRecord, waitingNodeRecord } from "./node-rows";
import * as sql from "./statements";

// The one owner of Execution and NodeExecution rows. Other folders call these verbs; none
// writes SQL on those tables. Each verb commits, then announces the change it made, built
// from the saved row (execution-events.ts).

// Read once at load: every statement of this process uses the same lease.
export const LEASE_SECONDS = engineEnv().HOOKFLOW_LEASE_SECONDS;

/** A runner's hold on a run: the execution and the attempt that fences its writes. */
export type RunRef = { executionId: string; userId: string; attempt: number };

export type ExecutionStart = {
  id: string;
  userId: string;
  workflowId: string;
  workflowVersionId: string;
  mode: ExecutionMode;
  triggerNodeId: string;
  trigger: TriggerPayload;
  startedAt: Date;
  retryOfId?: string;
  /** SHA-256 of the status URL's token, for webhook runs with a response deadline. */
  statusTokenHash?: string;
  /** Admit the run only while fewer RUNNING rows of its workflow hold a live lease. */
  maxConcurrency?: number;
  /** What the sender gets once this row is committed (`immediately`: the 202). */
  sentResponse?: SentResponse;
};

export type ExecutionFinish = {
  run: RunRef;
  status: ExecutionStatus;
  finishedAt: Date;
  durationMs: number;
  executionPath: string[];
  error?: { message: string; failedNodeIds: string[] };
  nodes: NodeResult[];
  /** The webhook answer, written with the status when someone will read it (idempotency, status URL). */
  response?: unknown;
  /** What the webhook's sender got (every webhook run): written by this same statement. */
  sentResponse?: SentResponse;
};

export type FinishSaved = SavedExecution & { changed: boolean; owned: boolean };

// ---- start ---------------------------------------------------------------------------

// Only the columns: callers pass richer objects (the whole run request) that must not be serialized.
function startRecord(s: ExecutionStart) {
  return {
    id: s.id,
    userId: s.userId,
    workflowId: s.workflowId,
    workflowVersionId: s.workflowVersionId,
    mode: s.mode,
    triggerNodeId: s.triggerNodeId,
    trigger: s.trigger,
    startedAt: s.startedAt.toISOString(),
    retryOfId: s.retryOfId ?? null,
    statusTokenHash: s.statusTokenHash ?? null,
    ...sentResponseColumns(s.sentResponse),
  };
}

const insertStarts = microBatch<ExecutionStart, number>({
  name: "record execution start",
  maxBatch: 100,
  concurrency: 2,
  run: async (starts) => {
    const rows = await preparedQuery<{ id: string; seq: number }>("hookflow_execution_start", sql.START_RUNS, [serializeJson(starts.map(startRecord)), LEASE_SECONDS]);
    const seqs = new Map(rows.map((r) => [r.id, r.seq]));
    return starts.map((s) => seqs.get(s.id) ?? 0);
  },
});

// How long a refused caller should wait: runs are short, so a slot is likely free soon.
const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

/**
 * RUNNING, committed before the engine starts: a run whose process dies still has its row and
 * is resumed from it. With a concurrency limit the start skips the micro-batch.
 */
export async function startExecution(start: ExecutionStart): Promise<{ run: RunRef; published: Promise<void> }> {
  let seq: number;
  if (start.maxConcurrency === undefined) {
    seq = await insertStarts(start);
  } else {
    const rows = await preparedQuery<{ seq: number }>("hookflow_execution_start_limited", sql.START_LIMITED_RUN, [serializeJson(startRecord(start)), LEASE_SECONDS, start.maxConcurrency]);
    seq = rows[0]?.seq ?? 0;
    if (rows.length === 0) {
      throw new AppError({
        code: "rate_limited",
        message: `This workflow already has ${start.maxConcurrency} running execution(s), its concurrency limit; retry later`,
        details: { reason: "concurrency", limit: start.maxConcurrency, retryAfterSeconds: CONCURRENCY_RETRY_AFTER_SECONDS },
        headers: { "Retry-After": String(CONCURRENCY_RETRY_AFTER_SECONDS) },
      });
    }
  }
  const published = publish(startedEvent({ id: start.id, userId: start.userId, workflowId: start.workflowId, startedAt: start.startedAt, seq }));
  return { run: { executionId: start.id, userId: start.userId, attempt: 1 }, published };
}

/**
 * RUNNING under an id derived from what asked for it; null when that id already exists (asked
 * before: the run was started then, and is finished or resumed by the usual machinery).
 */
export async function startExecutionOnce(start: ExecutionStart): Promise<{ run: RunRef; published: Promise<void> } | null> {
  const [row] = await preparedQuery<{ id: string; seq: number }>("hookflow_execution_start_once", sql.START_RUN_ONCE, [serializeJson(startRecord(start)), LEASE_SECONDS]);
  if (!row) return null;
  const published = publish(startedEvent({ id: start.id, userId: start.userId, workflowId: start.workflowId, startedAt: start.startedAt, seq: row.seq }));
  return { run: { executionId: start.id, userId: start.userId, attempt: 1 }, published };
}

// ---- progress ------------------------------------------------------------------------

/** Node rows of a long run as they finish. `owned` false: the run is no longer this runner's. */
export async function recordNodes(run: RunRef, results: readonly NodeResult[], executionPath: readonly string[]): Promise<{ owned: boolean; published: Promise<void> }> {
  if (results.length === 0) return { owned: true, published: Promise.resolve() };
  const rows = serializeJson(results.map(nodeRecord));
  const [row] = await withWriteRetry("record node executions", () =>
    preparedQuery<{ owned: number; seq: number | null }>("hookflow_record_nodes", sql.RECORD_NODES, [run.executionId, run.attempt, rows, executionPath]),
  );
  if (!row?.owned || row.seq === null) return { owned: false, published: Promise.resolve() };
  return { owned: true, published: publish(...nodesEvent(run, results, row.seq)) };
}

/** Renews the runner's lease. False: the row is no longer its own (cancelled, or resumed elsewhere). */
export async function renewLease(run: RunRef): Promise<boolean> {
  const rows = await preparedQuery("hookflow_renew_lease", sql.RENEW_LEASE, [run.executionId, run.attempt, LEASE_SECONDS]);
  return rows.length > 0;
}

// ---- finish --------------------------------------------------------------------------

type FinishRow = { id: string; userId: string | null; workflowId: string | null; status: ExecutionStatus; durationMs: number | null; changed: boolean; owned: boolean; seq: number | null };

const finishRuns = microBatch<ExecutionFinish, FinishSaved>({
  name: "record execution finish",
  maxBatch: 100,
  concurrency: 2,
  run: async (finishes) => {
    const rows = serializeJson(
      finishes.map((f) => ({
        id: f.run.executionId,
        attempt: f.run.attempt,
        status: f.status,
        finishedAt: f.finishedAt.toISOString(),
        durationMs: f.durationMs,
        executionPath: f.executionPath,
        error: f.error ?? null,
        nodes: f.nodes.map(nodeRecord),
        response: f.response ?? null,
        ...sentResponseColumns(f.sentResponse),
      })),
    );
    const saved = await preparedQuery<FinishRow>("hookflow_execution_finish", sql.FINISH_RUNS, [rows]);
    const byId = new Map(saved.map((r) => [r.id, r]));
    return finishes.map((f) => {
      const row = byId.get(f.run.executionId);
      if (!row || row.status === null) throw new Error(`execution ${f.run.executionId} does not exist`);
      return { ...row, userId: f.run.userId, workflowId: row.workflowId ?? "", attempt: f.run.attempt, seq: row.seq ?? 0 };
    });
  },
});

/**
 * The run's end: remaining node rows and the final status, fenced by the runner's attempt.
 * `patience` bounds how long a failing write is retried here (the caller may keep trying).
 * Announces the final status only when this write made it final.
 */
export async function finishExecution(finish: ExecutionFinish): Promise<{ saved: FinishSaved; published: Promise<void> }> {
  const saved = await withWriteRetry("record execution finish", () => finishRuns(finish));
  // Owned: this write changed the row (its status, or only the nodes of a cancelled run).
  return { saved, published: saved.owned ? publish(statusEvent(saved, saved.changed)) : Promise.resolve() };
}

// ---- park and resume -----------------------------------------------------------------

/**
 * A wait node parked the run: nodes so far, the waiting node and WAITING commit together with
 * the job that resumes the run at `resumeAt`. False: the run was no longer this runner's.
 */
export async function parkExecution(
  run: RunRef,
  parked: ParkedNode,
  nodes: readonly NodeResult[],
  executionPath: readonly string[],
  sent?: SentResponse,
): Promise<{ parked: boolean; published: Promise<void> }> {
  const record = serializeJson({
    id: run.executionId,
    attempt: run.attempt,
    resumeAt: parked.resumeAt.toISOString(),
    executionPath,
    nodes: [...nodes.map(nodeRecord), waitingNodeRecord(parked)],
    ...sentResponseColumns(sent),
  });
  const saved = await withWriteRetry("park execution", async () => {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<SavedExecution>(sql.PARK_RUN, [record]);
      if (rows[0]) await queueResume([{ executionId: run.executionId, startAfter: parked.resumeAt }], client);
      await client.query("COMMIT");
      return rows[0];
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
  return { parked: saved !== undefined, published: saved ? publish(statusEvent(saved)) : Promise.resolve() };
}

export type ClaimedExecution = SavedExecution & {
  workflowVersionId: string;
  triggerNodeId: string;
  trigger: TriggerPayload;
  startedAt: Date;
  executionPath: string[];
  mode: string;
  /** A status URL was handed out and no answer is stored yet: the poller waits for this run's. */
  answerOwed: boolean;
};

export type SavedNode = { nodeId: string; status: "SUCCEEDED" | "FAILED" | "WAITING"; outputName: string | null; output: unknown; outputTruncated: boolean; startedAt: Date };

/**
 * Takes a run for a new runner if it needs one (its runner died, or its wait is over).
 * "gaveUp": the runners died too often and the run is now CRASHED. null: nothing to do.
 */
export async function claimExecution(executionId: string): Promise<{ kind: "claimed"; run: ClaimedExecution; nodes: SavedNode[] } | { kind: "gaveUp" } | null> {
  const [row] = await preparedQuery<ClaimedExecution & { giveUp: boolean }>("hookflow_claim_execution", sql.CLAIM_RUN, [executionId, LEASE_SECONDS, engineEnv().HOOKFLOW_MAX_ATTEMPTS]);
  if (!row) return null;
  void publish(statusEvent(row));
  if (row.giveUp) {
    logger.warn("execution given up: its runners kept dying", { executionId, attempts: row.attempt - 1 });
    return { kind: "gaveUp" };
  }
  const nodes = await preparedQuery<SavedNode>("hookflow_saved_nodes", sql.SAVED_NODES, [executionId]);
  return { kind: "claimed", run: row, nodes };
}

/** Ids of runs that need a runner: expired leases, and waits whose job went missing. */
export async function resumableExecutions(limit: number): Promise<string[]> {
  const rows = await preparedQuery<{ id: string }>("hookflow_resumable", sql.RESUMABLE_RUNS, [limit, 30]);
  return rows.map((r) => r.id);
}

/** A server shutting down hands its unfinished runs to other processes at once. */
export async function releaseExecutions(runs: readonly RunRef[]): Promise<string[]> {
  if (runs.length === 0) return [];
  const rows = await preparedQuery<{ id: string }>("hookflow_release", sql.RELEASE_RUNS, [serializeJson(runs.map((r) => ({ id: r.executionId, attempt: r.attempt })))]);
  await queueResume(rows.map((r) => ({ executionId: r.id })));
  return rows.map((r) => r.id);
}

// ---- cancel --------------------------------------------------------------------------

/** CANCELLED at once, whatever instance runs it; a parked run never resumes. */
export async function cancelExecution(userId: string, id: string): Promise<{ saved: SavedExecution; published: Promise<void> }> {
  const rows = await preparedQuery<SavedExecution>("hookflow_cancel", sql.CANCEL_RUN, [id, userId]);
  const saved = rows[0];
  if (!saved) {
    const current = await preparedQuery<{ status: ExecutionStatus }>("hookflow_execution_status", sql.EXECUTION_STATUS, [id, userId]);
    const status = current[0]?.status;
    if (!status) throw new AppError({ code: "not_found", message: "Execution not found" });
    throw new AppError({ code: "conflict", message: `Execution already finished: ${EXECUTION_STATUS_INFO[status].label}` });
  }
  return { saved, published: publish(statusEvent(saved)) };
}

// ---- answers -------------------------------------------------------------------------

export async function storeAnswer(executionId: string, answer: unknown): Promise<void> {
  await preparedQuery("hookflow_store_answer", sql.STORE_ANSWER, [executionId, serializeJson(answer)]);
}

/** Corrects what the sender got (a response deadline passed while the final write carried the run's answer). */
export async function recordSentResponse(executionId: string, sent: SentResponse): Promise<void> {
  const { responseStatus, responseMs, responseSent } = sentResponseColumns(sent);
  await preparedQuery("hookflow_record_sent_response", sql.RECORD_SENT_RESPONSE, [executionId, responseStatus, responseMs, serializeJson(responseSent)]);
}
