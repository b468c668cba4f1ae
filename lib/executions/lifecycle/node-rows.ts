import type { NodeResult } from "@/lib/engine/types";
import { nodeStatusFromResult, type NodeStatus } from "../status";

// The NodeExecution row as it travels to PostgreSQL: one JSON record per node, read by
// jsonb_to_recordset in insertNodeRows(). Declared once for live writes, finishing writes and parks.
export type NodeRecord = {
  nodeId: string;
  nodeType: string;
  runIndex: number;
  status: NodeStatus;
  outputName: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  input: unknown;
  output: unknown;
  error: unknown;
  attempts: unknown;
  logs: unknown;
  outputTruncated: boolean;
  outputBytes: number | null;
};

// An output over the storage limit is stored as the engine's marker; keep its real size.
function outputTruncation(result: NodeResult): { outputTruncated: boolean; outputBytes: number | null } {
  const data = result.data as { truncated?: unknown; size?: unknown } | null | undefined;
  const marked = result.truncated === true && typeof data === "object" && data !== null && data.truncated === true && typeof data.size === "number";
  return marked ? { outputTruncated: true, outputBytes: data.size as number } : { outputTruncated: false, outputBytes: null };
}

export function nodeRecord(result: NodeResult): NodeRecord {
  return {
    ...outputTruncation(result),
    attempts: result.attempts ?? null,
    logs: result.logs ?? null,
    nodeId: result.nodeId,
    nodeType: result.nodeType,
    runIndex: result.runIndex,
    status: nodeStatusFromResult(result.status),
    outputName: result.output ?? null,
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    durationMs: result.durationMs,
    input: result.input ?? null,
    output: result.data ?? null,
    error: result.error ?? null,
  };
}

/** The row of a wait node whose run parked: it has started and not finished. */
export function waitingNodeRecord(parked: { nodeId: string; nodeType: string; input: unknown; startedAt: Date }): NodeRecord {
  const at = parked.startedAt.toISOString();
  return {
    nodeId: parked.nodeId,
    nodeType: parked.nodeType,
    runIndex: 0,
    status: "WAITING",
    outputName: null,
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
    input: parked.input ?? null,
    output: null,
    error: null,
    attempts: null,
    logs: null,
    outputTruncated: false,
    outputBytes: null,
  };
}

const RECORD_COLUMNS = `("nodeId" text, "nodeType" text, "runIndex" int, "status" text, "outputName" text,
     "startedAt" timestamptz, "finishedAt" timestamptz, "durationMs" float8, "input" jsonb, "output" jsonb, "error" jsonb,
     "attempts" jsonb, "logs" jsonb, "outputTruncated" boolean, "outputBytes" int)`;

/**
 * INSERT of node rows from `source` (a set of NodeRecords), for the execution `executionId`
 * written by runner `attempt` (SQL expressions). Idempotent: a retried write inserts nothing
 * twice. The one row that may be overwritten is a parked wait node's (WAITING), which its
 * resumed run completes. RETURNING the statuses lets the caller count what was new.
 */
export function insertNodeRows(executionId: string, attempt: string, source: string): string {
  return `INSERT INTO "NodeExecution" AS ne ("id", "executionId", "nodeId", "nodeType", "runIndex", "status", "outputName", "attempt", "startedAt",
                                   "finishedAt", "durationMs", "input", "output", "error", "attempts", "logs", "outputTruncated", "outputBytes")
    SELECT gen_random_uuid(), ${executionId}, n."nodeId", n."nodeType", n."runIndex", n."status"::"NodeExecutionStatus", n."outputName", ${attempt},
           n."startedAt", n."finishedAt", n."durationMs", n."input", n."output", n."error", n."attempts", n."logs", n."outputTruncated", n."outputBytes"
    FROM ${source} AS n${RECORD_COLUMNS}
    ON CONFLICT ("executionId", "nodeId", "runIndex") DO UPDATE
      SET "status" = EXCLUDED."status", "outputName" = EXCLUDED."outputName", "attempt" = EXCLUDED."attempt", "finishedAt" = EXCLUDED."finishedAt",
          "durationMs" = EXCLUDED."durationMs", "output" = EXCLUDED."output", "error" = EXCLUDED."error", "attempts" = EXCLUDED."attempts",
          "logs" = EXCLUDED."logs", "outputTruncated" = EXCLUDED."outputTruncated", "outputBytes" = EXCLUDED."outputBytes"
      WHERE ne."status" = 'WAITING' AND EXCLUDED."status" <> 'WAITING'
    RETURNING ne."executionId", ne."nodeId", ne."status"::text AS "status"`;
}

/** Counts of SUCCEEDED and FAILED rows among `rows` (RETURNING of insertNodeRows), in SQL. */
export const COUNT_SUCCEEDED = `count(*) FILTER (WHERE "status" = 'SUCCEEDED')::int`;
export const COUNT_FAILED = `count(*) FILTER (WHERE "status" = 'FAILED')::int`;
