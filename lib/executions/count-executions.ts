import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { bulkEnv } from "@/lib/env";
import { matchingConditions, type ExecutionFilterQuery } from "./execution-queries";
import { inSearchTransaction, SEARCH_DEFAULTS } from "./search/search-executions";

export type ExecutionCount = { count: number; capped: boolean; limit: number };

/**
 * How many executions match a filter, counted up to the bulk limit and no further (the
 * screens ask "act on all N matching?"; beyond the limit the answer is "more than N").
 */
export async function countExecutions(userId: string, filter: ExecutionFilterQuery): Promise<ExecutionCount> {
  const limit = bulkEnv().HOOKFLOW_BULK_MAX_TARGETS;
  const where = matchingConditions(userId, filter);
  const count = (sql: Prisma.Sql) => (filter.q?.length ? inSearchTransaction(SEARCH_DEFAULTS.statementTimeoutMs, (tx) => tx.$queryRaw<{ count: number }[]>(sql)) : db().$queryRaw<{ count: number }[]>(sql));
  // A search condition is tested row by row: the statement timeout bounds a rare match's count.
  const [row] = await count(Prisma.sql`
    SELECT count(*)::int AS "count" FROM (SELECT 1 FROM "Execution" e WHERE ${Prisma.join(where, " AND ")} LIMIT ${limit + 1}) m`);
  const matched = row?.count ?? 0;
  return { count: Math.min(matched, limit), capped: matched > limit, limit };
}
