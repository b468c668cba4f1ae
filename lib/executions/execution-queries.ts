import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/api/errors";
import { decodeCursor as decodeKeyset, encodeCursor as encodeKeyset } from "@/lib/api/keyset-cursor";
import { ARCHIVED_FILTERS } from "@/lib/query-keys";
import { sentResponseFromColumns } from "./sent-response";
import { EXECUTION_STATUSES, type ExecutionStatus } from "./status";
import { parseSearch } from "./search/parse-search";
import { SearchSyntaxError } from "./search/search-query";
import { searchExecutions, SEARCH_DEFAULTS, type SearchLimits } from "./search/search-executions";
import { searchPredicate } from "./search/search-sql";

// An id filter is a full UUID (exact) or a prefix of one, hyphens optional.
const idFilter = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replaceAll("-", ""))
  .pipe(z.string().regex(/^[0-9a-f]{1,32}$/, "id must be an execution id or the start of one"));

export const listExecutionsQuery = z.object({
  workflowId: z.string().uuid("workflowId must be a workflow id").optional(),
  status: z
    .string()
    .transform((s) => [...new Set(s.split(",").map((v) => v.trim().toUpperCase()).filter(Boolean))])
    .pipe(z.array(z.enum(EXECUTION_STATUSES)))
    .optional(),
  from: z.iso.datetime({ offset: true, message: "from must be an ISO date-time" }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true, message: "to must be an ISO date-time" }).transform((v) => new Date(v)).optional(),
  id: idFilter.optional(),
  // Runs of archived (deleted) workflows stay in the history; this narrows to them or hides them.
  archived: z.enum(ARCHIVED_FILTERS).optional(),
  // Search conditions (lib/executions/search/parse-search.ts): `body.customer.email = "ada@example.com"`.
  q: z
    .string()
    .transform((q, ctx) => {
      try {
        return parseSearch(q);
      } catch (error) {
        if (!(error instanceof SearchSyntaxError)) throw error;
        ctx.addIssue({ code: "custom", message: `${error.problem} at ${error.position}`, params: { position: error.position } });
        return z.NEVER;
      }
    })
    .optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListExecutionsQuery = z.infer<typeof listExecutionsQuery>;

export type ExecutionListItem = {
  id: string;
  workflowId: string;
  workflowName: string;
  status: ExecutionStatus;
  mode: string;
  triggerNodeId: string;
  method: string | null;
  path: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  retryOfId: string | null;
  nodesSucceeded: number;
  nodesFailed: number;
  /** 1, plus one per resume. */
  attempt: number;
  /** The workflow was archived (deleted); its runs stay readable. */
  workflowArchived: boolean;
  /** The HTTP status the webhook's sender got; null for other modes or when none was recorded. */
  responseStatus: number | null;
  /** The first line of the error message (at most 200 characters); null when the run has no error. */
  errorMessage: string | null;
  /** Not succeeded itself, but one of its re-runs succeeded. */
  fixedByRerun: boolean;
};

export type ExecutionListPage = {
  items: ExecutionListItem[];
  nextCursor: string | null;
  /** With `q` only: a search that stopped at its row budget says how far back it looked. */
  search?: { searchedUntil: string | null; examinedLimit: number };
};

const encodeCursor = (startedAt: Date, id: string) => encodeKeyset({ at: startedAt, id });
function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const { at, id } = decodeKeyset(cursor);
  return { startedAt: at, id };
}

const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

// A prefix is the range [prefix000…, prefixfff…] of the primary key: an index range scan
// (or a cheap filter on the startedAt walk), never `id::text LIKE`, which reads every row.
function idCondition(hex: string): Prisma.Sql {
  if (hex.length === 32) return Prisma.sql`e."id" = ${asUuid(hex)}::uuid`;
  return Prisma.sql`e."id" BETWEEN ${asUuid(hex.padEnd(32, "0"))}::uuid AND ${asUuid(hex.padEnd(32, "f"))}::uuid`;
}

type Row = {
  id: string; workflowId: string; workflowName: string; status: ExecutionStatus; mode: string; triggerNodeId: string;
  method: string | null; path: string | null; startedAt: Date; finishedAt: Date | null; durationMs: number | null; retryOfId: string | null;
  nodesSucceeded: number; nodesFailed: number; attempt: number; workflowArchived: boolean;
  responseStatus: number | null;
  errorMessage: string | null; fixedByRerun: boolean;
};

const COLUMNS = Prisma.sql`e."id", e."workflowId", e."status", e."mode", e."triggerNodeId",
  e."trigger"->>'method' AS "method", e."trigger"->>'path' AS "path",
  e."startedAt", e."finishedAt", e."durationMs", e."retryOfId", e."nodesSucceeded", e."nodesFailed", e."attempt",
  e."responseStatus",
  left(split_part(e."error"->>'message', E'\n', 1), 200) AS "errorMessage"`;

/** The filter of GET /api/executions without its paging: also what a bulk action's `filter` is. */
export const executionFilterQuery = listExecutionsQuery.omit({ cursor: true, limit: true });
export type ExecutionFilterQuery = z.infer<typeof executionFilterQuery>;

/**
 * The one place a filter parameter becomes SQL: conditions on `e` ("Execution") for the list
 * and for bulk actions on "everything matching this filter". Status is not among them: the
 * list reads each status as its own branch; others use statusCondition.
 */
export function executionFilterConditions(userId: string, query: ExecutionFilterQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`e."userId" = ${userId}::uuid`];
  if (query.workflowId) where.push(Prisma.sql`e."workflowId" = ${query.workflowId}::uuid`);
  if (query.from) where.push(Prisma.sql`e."startedAt" >= ${query.from}::timestamptz`);
  if (query.to) where.push(Prisma.sql`e."startedAt" < ${query.to}::timestamptz`);
  if (query.id) where.push(idCondition(query.id));
  if (query.archived) {
    const archived = Prisma.sql`SELECT 1 FROM "Workflow" aw WHERE aw."id" = e."workflowId" AND aw."archivedAt" IS NOT NULL`;
    where.push(query.archived === "only" ? Prisma.sql`EXISTS (${archived})` : Prisma.sql`NOT EXISTS (${archived})`);
  }
  return where;
}

export function statusCondition(statuses: readonly ExecutionStatus[]): Prisma.Sql {
  return Prisma.sql`e."status" = ANY(${[...statuses]}::"ExecutionStatus"[])`;
}

/**
 * Everything a filter says, status and search included, as conditions on `e`: what a count or
 * a bulk action on "everything matching this filter" selects. (The list applies status and
 * search its own way: one ordered branch per status, the bounded search plan.)
 */
export function matchingConditions(userId: string, query: ExecutionFilterQuery): Prisma.Sql[] {
  const where = executionFilterConditions(userId, query);
  if (query.status?.length) where.push(statusCondition(query.status));
  if (query.q?.length) where.push(searchPredicate(query.q));
  return where;
}

// Raw SQL for the row-value comparison, which walks the (userId, …, startedAt, id) indexes
// directly. Several statuses are one branch each, merged: `status IN (…)` cannot be read
// in startedAt order from (userId, status, startedAt, id), so it would sort every match —
// a million rows for "Succeeded, Failed" — while each branch stops after one page.
// Only small columns: method and path are read out of the trigger JSON of the page's rows.
export async function listExecutions(userId: string, query: ListExecutionsQuery, limits: SearchLimits = SEARCH_DEFAULTS): Promise<ExecutionListPage> {
  const where = executionFilterConditions(userId, query);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.q?.length) return searchPage(where, query, cursor, limits);
  if (cursor) where.push(Prisma.sql`(e."startedAt", e."id") < (${cursor.startedAt}::timestamptz, ${cursor.id}::uuid)`);
  const take = query.limit + 1;
  const branch = (status?: ExecutionStatus) => {
    const conditions = status ? [...where, Prisma.sql`e."status" = ${status}::"ExecutionStatus"`] : where;
    return Prisma.sql`(SELECT ${COLUMNS} FROM "Execution" e WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY e."startedAt" DESC, e."id" DESC LIMIT ${take})`;
  };
  const statuses = query.status ?? [];
  const source = statuses.length ? Prisma.join(statuses.map(branch), " UNION ALL ") : branch();
  const rows = await pageRows(source, take);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}

// "Fixed by re-run": one probe of the (retryOfId, status) index per page row, after the LIMIT.
function pageRows(source: Prisma.Sql, take: number): Promise<Row[]> {
  return db().$queryRaw<Row[]>`
    SELECT pg.*, (pg."status" <> 'SUCCEEDED' AND EXISTS (
      SELECT 1 FROM "Execution" r WHERE r."retryOfId" = pg."id" AND r."status" = 'SUCCEEDED')) AS "fixedByRerun"
    FROM (
    SELECT p.*, w."name" AS "workflowName", (w."archivedAt" IS NOT NULL) AS "workflowArchived"
    FROM (${source}) p JOIN "Workflow" w ON w."id" = p."workflowId"
    ORDER BY p."startedAt" DESC, p."id" DESC
    LIMIT ${take}) pg
    ORDER BY pg."startedAt" DESC, pg."id" DESC`;
}

const toItem = (r: Row): ExecutionListItem => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null });

// A searched page: the search finds the page's ids (bounded work, see search-executions.ts),
// then the same columns as the plain list are read for those rows. When the search stopped
// at its row budget, the cursor continues from the last row it looked at.
async function searchPage(where: Prisma.Sql[], query: ListExecutionsQuery, cursor: { startedAt: Date; id: string } | null, limits: SearchLimits): Promise<ExecutionListPage> {
  const { hits, searchedUntil } = await searchExecutions({ where, statuses: query.status ?? [] }, query.q ?? [], cursor, query.limit + 1, limits);
  const ids = hits.slice(0, query.limit).map((h) => h.id);
  const rows = ids.length ? await pageRows(Prisma.sql`SELECT ${COLUMNS} FROM "Execution" e WHERE e."id" = ANY(${ids}::uuid[])`, query.limit) : [];
  const last = hits.length > query.limit ? hits[query.limit - 1] : searchedUntil;
  return {
    items: rows.map(toItem),
    nextCursor: last ? encodeCursor(last.startedAt, last.id) : null,
    search: { searchedUntil: hits.length > query.limit ? null : (searchedUntil?.startedAt.toISOString() ?? null), examinedLimit: limits.maxExamined },
  };
}

export async function getExecution(userId: string, id: string) {
  const execution = await db().execution.findFirst({
    where: { id, userId },
    include: {
      workflow: { select: { name: true } },
      workflowVersion: { select: { version: true, name: true, nodes: true, connections: true, settings: true } },
      nodes: { orderBy: [{ startedAt: "asc" }, { runIndex: "asc" }] },
    },
  });
  if (!execution) throw new AppError({ code: "not_found", message: "Execution not found" });
  const { workflowVersion, workflow, nodes, responseStatus, responseMs, responseSent, ...rest } = execution;
  // Nodes in the order they ran: start times tie at millisecond resolution.
  const position = new Map(execution.executionPath.map((id, i) => [id, i]));
  const ordered = [...nodes].sort(
    (a, b) => (position.get(a.nodeId) ?? Infinity) - (position.get(b.nodeId) ?? Infinity) || a.startedAt.getTime() - b.startedAt.getTime() || a.runIndex - b.runIndex,
  );
  return {
    ...rest,
    nodes: ordered,
    workflowName: workflow.name,
    snapshot: workflowVersion,
    // What the webhook's sender got (lib/executions/sent-response.ts); null if none was recorded.
    sentResponse: sentResponseFromColumns(responseStatus, responseMs, responseSent),
  };
}
