import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { bulkEnv } from "@/lib/env";
import { executionFilterConditions, statusCondition, type ExecutionFilterQuery } from "./execution-queries";

export type ExecutionCount = { count: number; capped: boolean; limit: number };

/**
 * How many executions match a filter, counted up to the bulk limit and no further (the
 * screens ask "act on all N matching?"; beyond the limit the answer is "more than N").
 */
export async function countExecutions(userId: string, filter: ExecutionFilterQuery): Promise<ExecutionCount> {
  const limit = bulkEnv().HOOKFLOW_BULK_MAX_TARGETS;
  const where = executionFilterConditions(userId, filter);
  if (filter.status?.length) where.push(statusCondition(filter.status));
  const [row] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM (SELECT 1 FROM "Execution" e WHERE ${Prisma.join(where, " AND ")} LIMIT ${limit + 1}) m`;
  const count = row?.count ?? 0;
  return { count: Math.min(count, limit), capped: count > limit, limit };
}
