import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { NodeResult, TriggerPayload } from "@/lib/engine/types";
import type { ExecutionMode } from "@/lib/generated/prisma/client";
import { microBatch } from "@/lib/micro-batch";
import { serializeJson } from "./json";
import { nodeStatusFromResult, type ExecutionStatus } from "./status";
import { LEASE_SECONDS } from "./heartbeat";
import { withWriteRetry } from "./with-write-retry";

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
};

export type ExecutionFinish = {
  executionId: string;
  status: ExecutionStatus;
  finishedAt: Date;
  durationMs: number;
  executionPath: string[];
  error?: { message: string; failedNodeIds: string[] };
  nodes: NodeResult[];
  /** Nodes already written while the run was live (long runs), by status. */
  liveSucceeded?: number;
  liveFailed?: number;
  /** The webhook answer, written with the status when someone will read it (idempotency, status URL). */
  response?: unknown;
};

// Rows travel as one JSON document per statement (jsonb_to_recordset): one round trip
// for a whole batch, whatever its size.
const INSERT_COLUMNS = `
  INSERT INTO "Execution" ("id", "userId", "workflowId", "workflowVersionId", "mode", "triggerNodeId", "trigger", "startedAt", "retryOfId",
                           "statusTokenHash", "status", "executionPath", "leaseExpiresAt")
  SELECT r."id", r."userId", r."workflowId", r."workflowVersionId", r."mode"::"ExecutionMode", r."triggerNodeId", r."trigger", r."startedAt",
         r."retryOfId", r."statusTokenHash", 'RUNNING', '{}', now() + make_interval(secs => ${LEASE_SECONDS})`;
const START_RECORD = `("id" uuid, "userId" uuid, "workflowId" uuid, "workflowVersionId" uuid, "mode" text,
       "triggerNodeId" text, "trigger" jsonb, "startedAt" timestamptz, "retryOfId" uuid, "statusTokenHash" text)`;

const INSERT_STARTS = `${INSERT_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r${START_RECORD}`;

// One row, admitted by hookflow_admit_execution (see its migration): the check and the
// insert are one statement, so concurrent starts on any number of instances cannot both
// take the last slot.
const INSERT_LIMITED_START = `${INSERT_COLUMNS} FROM jsonb_to_record($1::jsonb) AS r${START_RECORD}
  WHERE hookflow_admit_execution(r."workflowId", $2::int) RETURNING 1 AS "admitted"`;

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
  };
}

const insertStarts = microBatch<ExecutionStart, void>({
  name: "record execution start",
  maxBatch: 100,
  concurrency: 2,
  run: async (starts) => {
    await preparedQuery("hookflow_execution_start", INSERT_STARTS, [serializeJson(starts.map(startRecord))]);
    return starts.map(() => undefined);
  },
});

// How long a refused caller should wait: runs are short, so a slot is likely free soon.
const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

// Committed before the engine starts: a run that crashes mid-way still has its row.
// With a concurrency limit the start skips the micro-batch (one statement per run either way).
export async function recordExecutionStart(start: ExecutionStart): Promise<void> {
  if (start.maxConcurrency === undefined) return insertStarts(start);
  const rows = await preparedQuery("hookflow_execution_start_limited", INSERT_LIMITED_START, [serializeJson(startRecord(start)), start.maxConcurrency]);
  if (rows.length === 0) {
    throw new AppError({
      code: "rate_limited",
      message: `This workflow already has ${start.maxConcurrency} running execution(s), its concurrency limit; retry later`,
      details: { reason: "concurrency", limit: start.maxConcurrency, retryAfterSeconds: CONCURRENCY_RETRY_AFTER_SECONDS },
      headers: { "Retry-After": String(CONCURRENCY_RETRY_AFTER_SECONDS) },
    });
  }
}

// An output over the storage limit is stored as the engine's marker; keep its real size.
function outputTruncation(result: NodeResult): { outputTruncated: boolean; outputBytes: number | null } {
  const data = result.data as { truncated?: unknown; size?: unknown } | null | undefined;
  const marked = result.truncated === true && typeof data === "object" && data !== null && data.truncated === true && typeof data.size === "number";
  return marked ? { outputTruncated: true, outputBytes: data.size as number } : { outputTruncated: false, outputBytes: null };
}

// Node rows, from the JSON records of nodeRecord(), for the finishing statement and for
// the live writes of long runs alike: one serialization (serializeJson) for every row.
function insertNodes(executionId: string, source: string): string {
  return `INSERT INTO "NodeExecution" ("id", "executionId", "nodeId", "nodeType", "runIndex", "status", "startedAt", "finishedAt", "durationMs",
                                 "input", "output", "error", "attempts", "logs", "outputTruncated", "outputBytes")
    SELECT gen_random_uuid(), ${executionId}, n."nodeId", n."nodeType", n."runIndex", n."status"::"NodeExecutionStatus",
           n."startedAt", n."finishedAt", n."durationMs", n."input", n."output", n."error", n."attempts", n."logs", n."outputTruncated", n."outputBytes"
    FROM ${source} AS n("nodeId" text, "nodeType" text, "runIndex" int, "status" text,
         "startedAt" timestamptz, "finishedAt" timestamptz, "durationMs" float8, "input" jsonb, "output" jsonb, "error" jsonb,
         "attempts" jsonb, "logs" jsonb, "outputTruncated" boolean, "outputBytes" int)
    ON CONFLICT ("executionId", "nodeId", "runIndex") DO NOTHING`;
}

const INSERT_LIVE_NODES = insertNodes("$1::uuid", "jsonb_to_recordset($2::jsonb)");

// The JSON shape jsonb_to_recordset reads in insertNodes().
function nodeRecord(result: NodeResult) {
  return {
    ...outputTruncation(result),
    attempts: result.attempts ?? null,
    logs: result.logs ?? null,
    nodeId: result.nodeId,
    nodeType: result.nodeType,
    runIndex: result.runIndex,
    status: nodeStatusFromResult(result.status),
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    durationMs: result.durationMs,
    input: result.input ?? null,
    output: result.data ?? null,
    error: result.error ?? null,
  };
}

// One statement per batch, so the node rows and final statuses of each run land together
// or not at all. The update is conditional on the row still being RUNNING, so a final
// status (e.g. CANCELLED) is never overwritten; node rows are kept either way, and
// ON CONFLICT makes a retried write idempotent. Returns the status actually saved.
// The webhook answer (when given) rides along; if the row was already final (cancelled),
// `answered` still stores it so idempotent duplicates get it. The two updates exclude
// each other by status, so no row is updated twice.
// (Data-modifying CTEs do not see each other's effects: `e` is the row as it was.)
const FINISH_RUNS = `
  WITH f AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS f("id" uuid, "status" text, "finishedAt" timestamptz, "durationMs" int,
           "executionPath" text[], "error" jsonb, "nodes" jsonb, "nodesSucceeded" int, "nodesFailed" int, "response" jsonb)
  ), inserted AS (
    ${insertNodes('f."id"', 'f CROSS JOIN LATERAL jsonb_to_recordset(f."nodes")')}
  ), updated AS (
    UPDATE "Execution" e
    SET "status" = f."status"::"ExecutionStatus", "finishedAt" = f."finishedAt", "durationMs" = f."durationMs",
        "executionPath" = f."executionPath", "error" = f."error", "leaseExpiresAt" = NULL,
        "nodesSucceeded" = e."nodesSucceeded" + f."nodesSucceeded", "nodesFailed" = e."nodesFailed" + f."nodesFailed",
        "response" = COALESCE(f."response", e."response")
    FROM f WHERE e."id" = f."id" AND e."status" = 'RUNNING'
    RETURNING e."id", e."status"
  ), answered AS (
    UPDATE "Execution" e SET "response" = f."response"
    FROM f WHERE e."id" = f."id" AND e."status" <> 'RUNNING' AND e."response" IS NULL AND f."response" IS NOT NULL
  )
  SELECT f."id"::text AS "id", COALESCE(updated."status", e."status")::text AS "status"
  FROM f LEFT JOIN updated ON updated."id" = f."id" LEFT JOIN "Execution" e ON e."id" = f."id"`;

const finishRuns = microBatch<ExecutionFinish, ExecutionStatus>({
  name: "record execution finish",
  maxBatch: 100,
  concurrency: 2,
  run: async (finishes) => {
    const rows = serializeJson(
      finishes.map((f) => ({
        id: f.executionId,
        status: f.status,
        finishedAt: f.finishedAt.toISOString(),
        durationMs: f.durationMs,
        executionPath: f.executionPath,
        error: f.error ?? null,
        nodes: f.nodes.map(nodeRecord),
        ...nodeCounts(f),
        response: f.response ?? null,
      })),
    );
    const saved = await preparedQuery<{ id: string; status: ExecutionStatus }>("hookflow_execution_finish", FINISH_RUNS, [rows]);
    const byId = new Map(saved.map((r) => [r.id, r.status]));
    return finishes.map((f) => {
      const status = byId.get(f.executionId);
      if (!status) throw new Error(`execution ${f.executionId} does not exist`);
      return status;
    });
  },
});

// Live-written nodes of a long run are counted from their rows; the rest from this batch.
function nodeCounts(finish: ExecutionFinish): { nodesSucceeded: number; nodesFailed: number } {
  const failed = finish.nodes.filter((n) => n.status === "failed").length;
  return { nodesSucceeded: finish.nodes.length - failed + (finish.liveSucceeded ?? 0), nodesFailed: failed + (finish.liveFailed ?? 0) };
}

export async function recordExecutionFinish(finish: ExecutionFinish): Promise<ExecutionStatus> {
  return withWriteRetry("record execution finish", () => finishRuns(finish));
}

// Node rows of a long run, written as they finish (see live-node-writer.ts).
export async function recordNodeExecutions(executionId: string, results: NodeResult[]): Promise<void> {
  if (results.length === 0) return;
  const rows = serializeJson(results.map(nodeRecord));
  await withWriteRetry("record node executions", () => preparedQuery("hookflow_live_nodes", INSERT_LIVE_NODES, [executionId, rows]));
}
