import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import { pool, preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { bulkEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueBulk } from "@/lib/jobs/job-queue";
import { serializeJson } from "../json";
import { matchingConditions } from "../execution-queries";
import { isStatementTimeout, searchTimeoutError, SEARCH_DEFAULTS } from "../search/search-executions";
import type { BulkAction, BulkInput } from "./bulk-input";
import * as sql from "./bulk-statements";

// The one owner of BulkOperation and BulkOperationItem rows: creating an operation (resolving
// its targets once, deduplicating repeats), and the worker's claim / record / finish.

import type { BulkOperationStatus } from "@/lib/generated/prisma/enums";

export type BulkOperationRow = {
  id: string;
  userId: string;
  action: BulkAction;
  version: "snapshot" | "current" | null;
  status: BulkOperationStatus;
  selection: unknown;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  createdAt: Date;
  finishedAt: Date | null;
};

export type BulkItemOutcome = { executionId: string; status: "DONE" | "FAILED" | "SKIPPED"; resultExecutionId?: string; message?: string };

/** A repeat without an Idempotency-Key within this window returns the first operation. */
export const REPEAT_WINDOW_SECONDS = 600;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Keys in a fixed order, so the same request always hashes the same.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}

function selectionOf(input: BulkInput): { ids: string[] } | { filter: Record<string, unknown> } {
  if (input.ids) return { ids: [...new Set(input.ids.map((id) => id.toLowerCase()))].sort() };
  return { filter: canonical(input.filter ?? {}) as Record<string, unknown> };
}

// The targets as SQL conditions: listed ids (owned by the user), or the list's own filter.
function targetConditions(userId: string, input: BulkInput, selection: ReturnType<typeof selectionOf>): Prisma.Sql {
  if ("ids" in selection) return Prisma.sql`e."userId" = ${userId}::uuid AND e."id" = ANY(${selection.ids}::uuid[])`;
  return Prisma.join(matchingConditions(userId, input.filter ?? {}), " AND ");
}

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

class Repeat extends Error {
  constructor(readonly operation: BulkOperationRow) {
    super("repeat");
  }
}

/**
 * Creates a bulk operation: resolves its targets once (one INSERT … SELECT, at most
 * HOOKFLOW_BULK_MAX_TARGETS) and queues its job, in one transaction. A repeat returns the first
 * operation (`replayed`): the same Idempotency-Key, or without one the same request or the same
 * resolved targets within REPEAT_WINDOW_SECONDS.
 */
export async function createBulkOperation(userId: string, input: BulkInput, idempotencyKey?: string): Promise<{ operation: BulkOperationRow; replayed: boolean }> {
  const max = bulkEnv().HOOKFLOW_BULK_MAX_TARGETS;
  if (input.ids && input.ids.length > max) {
    throw new AppError({ code: "unprocessable", message: `At most ${max} executions per bulk operation; ${input.ids.length} were sent`, details: { limit: max } });
  }
  const selection = selectionOf(input);
  const version = input.action === "rerun" ? (input.version ?? "snapshot") : null;
  const requestHash = sha256(JSON.stringify([input.action, version, selection]));
  const id = randomUUID();
  try {
    return await inTransaction(async (client) => {
      await client.query(sql.LOCK_USER, [userId]);
      if (idempotencyKey !== undefined) {
        const { rows } = await client.query<BulkOperationRow & { requestHash: string }>(sql.BY_KEY, [userId, idempotencyKey]);
        const [earlier] = rows;
        if (earlier) {
          if (earlier.requestHash !== requestHash) throw new AppError({ code: "conflict", message: "This Idempotency-Key was already used for a different bulk request" });
          return { operation: earlier, replayed: true };
        }
      }
      await client.query(sql.INSERT_OPERATION, [id, userId, input.action, version, serializeJson(selection), idempotencyKey ?? null, requestHash]);
      const resolve = Prisma.sql`
        WITH ins AS (
          INSERT INTO "BulkOperationItem" ("operationId", "executionId")
          SELECT ${id}::uuid, e."id" FROM "Execution" e WHERE ${targetConditions(userId, input, selection)} LIMIT ${max + 1}
          RETURNING "executionId"
        )
        SELECT count(*)::int AS "total", COALESCE(md5(string_agg("executionId"::text, ',' ORDER BY "executionId")), '') AS "hash" FROM ins`;
      // A search condition is tested row by row: the statement timeout bounds a rare match's scan.
      if (input.filter?.q?.length) await client.query(`SET LOCAL statement_timeout = ${SEARCH_DEFAULTS.statementTimeoutMs}`);
      const { rows: [resolved] } = await client.query<{ total: number; hash: string }>(resolve.text, resolve.values);
      const total = resolved?.total ?? 0;
      if (total > max) {
        throw new AppError({
          code: "unprocessable",
          message: `This filter matches more than ${max} executions, the most one bulk operation may act on; narrow it (a workflow, a time range) and act in steps`,
          details: { limit: max },
        });
      }
      if (total === 0) throw new AppError({ code: "unprocessable", message: "No execution matches this selection", details: { limit: max } });
      const selectionHash = sha256(JSON.stringify([input.action, version, resolved?.hash]));
      if (idempotencyKey === undefined) {
        const { rows: [earlier] } = await client.query<BulkOperationRow>(sql.RECENT_REPEAT, [userId, id, requestHash, selectionHash, REPEAT_WINDOW_SECONDS]);
        // Undo this one (its items included) and answer with the first.
        if (earlier) throw new Repeat(earlier);
      }
      const { rows: [operation] } = await client.query<BulkOperationRow>(sql.SET_TOTAL, [id, total, selectionHash]);
      await queueBulk([id], client);
      return { operation: operation!, replayed: false };
    });
  } catch (error) {
    if (error instanceof Repeat) return { operation: error.operation, replayed: true };
    if (isStatementTimeout(error)) throw searchTimeoutError();
    throw error;
  }
}

export type BulkOperationView = Omit<BulkOperationRow, "userId" | "createdAt" | "finishedAt"> & {
  createdAt: string;
  finishedAt: string | null;
  /** Items that failed or had nothing to do, with why (the first PROBLEMS_SHOWN). */
  problems: { executionId: string; status: "FAILED" | "SKIPPED"; message: string | null }[];
};

const PROBLEMS_SHOWN = 20;

export function operationView(row: BulkOperationRow, problems: BulkOperationView["problems"] = []): BulkOperationView {
  return {
    id: row.id,
    action: row.action,
    version: row.version,
    status: row.status,
    selection: row.selection,
    total: row.total,
    done: row.done,
    failed: row.failed,
    skipped: row.skipped,
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    problems,
  };
}

export async function getBulkOperation(userId: string, id: string): Promise<BulkOperationView> {
  const [row] = await preparedQuery<BulkOperationRow>("hookflow_bulk_get", sql.GET_OPERATION, [id, userId]);
  if (!row) throw new AppError({ code: "not_found", message: "Bulk operation not found" });
  const problems = row.failed + row.skipped > 0 ? await preparedQuery<BulkOperationView["problems"][number]>("hookflow_bulk_problems", sql.PROBLEM_ITEMS, [id, PROBLEMS_SHOWN]) : [];
  return operationView(row, problems);
}

// ---- the worker's side ---------------------------------------------------------------

export async function operationForWork(id: string): Promise<BulkOperationRow | undefined> {
  const [row] = await preparedQuery<BulkOperationRow>("hookflow_bulk_for_work", sql.FOR_WORK, [id]);
  return row;
}

export async function claimItems(operationId: string, count: number, holdSeconds: number): Promise<string[]> {
  const rows = await preparedQuery<{ executionId: string }>("hookflow_bulk_claim", sql.CLAIM_ITEMS, [operationId, count, holdSeconds]);
  return rows.map((r) => r.executionId);
}

export async function recordItems(operationId: string, outcomes: readonly BulkItemOutcome[]): Promise<BulkOperationRow | undefined> {
  if (outcomes.length === 0) return undefined;
  const rows = outcomes.map((o) => ({ executionId: o.executionId, status: o.status, resultExecutionId: o.resultExecutionId ?? null, message: o.message?.slice(0, 500) ?? null }));
  const [row] = await preparedQuery<BulkOperationRow>("hookflow_bulk_record", sql.RECORD_ITEMS, [operationId, serializeJson(rows)]);
  return row;
}

/** The operation, when this call made it DONE; undefined when items are pending or it was done already. */
export async function finishIfComplete(operationId: string): Promise<BulkOperationRow | undefined> {
  const [row] = await preparedQuery<BulkOperationRow>("hookflow_bulk_finish", sql.FINISH_IF_COMPLETE, [operationId]);
  return row;
}

export async function stalledOperations(idleSeconds: number): Promise<string[]> {
  const rows = await preparedQuery<{ id: string }>("hookflow_bulk_stalled", sql.STALLED, [idleSeconds]);
  return rows.map((r) => r.id);
}

/** Finished operations are kept a week, then deleted in small batches. */
export async function pruneBulkOperations(days = 7, batch = 500): Promise<number> {
  const [row] = await preparedQuery<{ count: number }>("hookflow_bulk_prune", sql.PRUNE_FINISHED, [days, batch]);
  return row?.count ?? 0;
}
