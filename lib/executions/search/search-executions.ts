// The plan behind GET /api/executions?q=…: newest first, keyset pages, bounded work.
//
// PostgreSQL cannot estimate how many rows a jsonpath or ILIKE matches, so the plan is
// chosen by what happens, not by estimates:
//   1. walk the newest `firstWindow` rows of the filtered history (the same ordered index
//      walk as the unsearched list) and test each: a common value fills the page here;
//   2. page not full: ask the search indexes for every execution a condition can match;
//      if some condition has at most `candidateCap` candidates, the rest of the page is
//      read from those rows alone — exact, whatever the depth of the history;
//   3. no index narrows it: keep walking, up to `maxExamined` rows per request in all.
//      If the page is still not full, the answer says how far it searched (`searchedUntil`)
//      and its cursor continues from there: results stay exact across pages, the work per
//      request stays bounded.
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExecutionStatus } from "../status";
import type { SearchCondition } from "./search-query";
import { candidateQueries, searchPredicate } from "./search-sql";

export type SearchLimits = { firstWindow: number; maxExamined: number; candidateCap: number; statementTimeoutMs: number };

export const SEARCH_DEFAULTS: SearchLimits = { firstWindow: 1_000, maxExamined: 50_000, candidateCap: 5_000, statementTimeoutMs: 5_000 };

export type RowKey = { id: string; startedAt: Date };

export type SearchResult = {
  /** Matches in order, newest first (up to `want`). */
  hits: RowKey[];
  /** Set when the walk stopped at maxExamined rows: rows older than this key were not searched. */
  searchedUntil: RowKey | null;
};

type Tx = Prisma.TransactionClient;
type Scope = { where: Prisma.Sql[]; statuses: ExecutionStatus[] };

const before = (key: RowKey | null) => (key ? [Prisma.sql`(e."startedAt", e."id") < (${key.startedAt}::timestamptz, ${key.id}::uuid)`] : []);

// The newest `window` rows of the scope older than `after`, each tested; returns the first
// `want` matches and, if the window was used up, its last row (where the next walk starts).
async function walk(tx: Tx, scope: Scope, predicate: Prisma.Sql, after: RowKey | null, window: number, want: number) {
  const where = [...scope.where, ...before(after)];
  const branch = (status?: ExecutionStatus) => {
    const conditions = status ? [...where, Prisma.sql`e."status" = ${status}::"ExecutionStatus"`] : where;
    return Prisma.sql`(SELECT e."id", e."startedAt", (${predicate}) AS "hit" FROM "Execution" e WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY e."startedAt" DESC, e."id" DESC LIMIT ${window})`;
  };
  const source = scope.statuses.length ? Prisma.join(scope.statuses.map(branch), " UNION ALL ") : branch();
  // Rows stream through: the walk stops at the `want`-th match, or runs to the window's end.
  const rows = await tx.$queryRaw<(RowKey & { hit: boolean; n: bigint })[]>`
    SELECT x."id", x."startedAt", x."hit", x."n" FROM (
      SELECT w.*, row_number() OVER (ORDER BY w."startedAt" DESC, w."id" DESC) AS "n"
      FROM (SELECT * FROM (${source}) u ORDER BY "startedAt" DESC, "id" DESC LIMIT ${window}) w
    ) x WHERE x."hit" OR x."n" = ${window}
    LIMIT ${want + 1}`;
  const hits = rows.filter((r) => r.hit).slice(0, want).map(({ id, startedAt }) => ({ id, startedAt }));
  const end = rows.find((r) => Number(r.n) === window);
  return { hits, end: hits.length < want && end ? { id: end.id, startedAt: end.startedAt } : null };
}

// Every execution id an index says a condition could match, or null when no condition
// has at most `cap` candidates (a common value: the walk is the better plan).
async function indexedCandidates(tx: Tx, scope: Scope, after: RowKey | null, conditions: readonly SearchCondition[], cap: number): Promise<string[] | null> {
  const where = [...scope.where, ...before(after), ...(scope.statuses.length ? [Prisma.sql`e."status" = ANY(${scope.statuses}::"ExecutionStatus"[])`] : [])];
  for (const condition of conditions) {
    const queries = candidateQueries(condition, cap + 1, Prisma.join(where, " AND "));
    if (!queries) continue;
    const ids = new Set<string>();
    let tooMany = false;
    for (const query of queries) {
      const rows = await tx.$queryRaw<{ id: string }[]>(query);
      for (const r of rows) ids.add(r.id);
      if (rows.length > cap || ids.size > cap) {
        tooMany = true;
        break;
      }
    }
    if (!tooMany) return [...ids];
  }
  return null;
}

async function matchingAmong(tx: Tx, scope: Scope, predicate: Prisma.Sql, ids: string[], after: RowKey | null, want: number): Promise<RowKey[]> {
  if (!ids.length || want <= 0) return [];
  const where = [
    Prisma.sql`e."id" = ANY(${ids}::uuid[])`,
    ...scope.where,
    ...before(after),
    ...(scope.statuses.length ? [Prisma.sql`e."status" = ANY(${scope.statuses}::"ExecutionStatus"[])`] : []),
    predicate,
  ];
  return tx.$queryRaw<RowKey[]>`SELECT e."id", e."startedAt" FROM "Execution" e WHERE ${Prisma.join(where, " AND ")}
    ORDER BY e."startedAt" DESC, e."id" DESC LIMIT ${want}`;
}

export async function searchExecutions(
  scope: Scope,
  conditions: readonly SearchCondition[],
  cursor: RowKey | null,
  want: number,
  limits: SearchLimits = SEARCH_DEFAULTS,
): Promise<SearchResult> {
  const predicate = searchPredicate(conditions);
  // A guard, not the plan: every step below is bounded in rows already.
  return inSearchTransaction(limits.statementTimeoutMs, async (tx) => {
      const firstWindow = Math.min(limits.firstWindow, limits.maxExamined);
      const first = await walk(tx, scope, predicate, cursor, firstWindow, want);
      if (!first.end) return { hits: first.hits, searchedUntil: null };
      const ids = await indexedCandidates(tx, scope, first.end, conditions, limits.candidateCap);
      if (ids) {
        const rest = await matchingAmong(tx, scope, predicate, ids, first.end, want - first.hits.length);
        return { hits: [...first.hits, ...rest], searchedUntil: null };
      }
      if (limits.maxExamined <= firstWindow) return { hits: first.hits, searchedUntil: first.end };
      const more = await walk(tx, scope, predicate, first.end, limits.maxExamined - firstWindow, want - first.hits.length);
      return { hits: [...first.hits, ...more.hits], searchedUntil: more.end };
  });
}

export const searchTimeoutError = () =>
  new AppError({ code: "unprocessable", message: "The search took too long: narrow it with a time range, a workflow or a status" });

/** Work under a statement timeout; a timeout is a 422 asking to narrow the search. */
export async function inSearchTransaction<T>(timeoutMs: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
      return work(tx);
    }, { timeout: timeoutMs * 2 });
  } catch (error) {
    if (isStatementTimeout(error)) throw searchTimeoutError();
    throw error;
  }
}

export function isStatementTimeout(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const { code, originalCode, message, cause } = error as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown };
  if (code === "57014" || originalCode === "57014") return true;
  if (typeof message === "string" && /canceling statement due to statement timeout/.test(message)) return true;
  return isStatementTimeout(cause, depth + 1);
}
