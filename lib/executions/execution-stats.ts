import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { EXECUTION_STATUSES, type ExecutionStatus } from "./status";

export const executionStatsQuery = z.object({
  hours: z.coerce.number().int().min(1).max(24).default(6),
  workflowId: z.string().uuid("workflowId must be a workflow id").optional(),
});

export type ExecutionStatsQuery = z.infer<typeof executionStatsQuery>;

// Minutes with no runs are absent; `from` is the first minute, the current one is last.
export type ExecutionStats = {
  from: string;
  to: string;
  bucketMs: number;
  buckets: { at: string; counts: Partial<Record<ExecutionStatus, number>> }[];
  totals: Record<ExecutionStatus, number>;
};

const MINUTE_MS = 60_000;

// A range scan of the (userId, …, startedAt) indexes grouped by minute: the cost follows
// the runs in the window, never the size of the history. date_bin on a fixed origin is
// time-zone free and cheaper per row than date_trunc on a timestamptz.
export async function executionStats(userId: string, query: ExecutionStatsQuery, now = Date.now()): Promise<ExecutionStats> {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const from = new Date(end - query.hours * 60 * MINUTE_MS);
  const where: Prisma.Sql[] = [Prisma.sql`"userId" = ${userId}::uuid`, Prisma.sql`"startedAt" >= ${from}::timestamptz`];
  if (query.workflowId) where.push(Prisma.sql`"workflowId" = ${query.workflowId}::uuid`);
  const rows = await db().$queryRaw<{ minute: Date; status: ExecutionStatus; count: number }[]>`
    SELECT date_bin('1 minute', "startedAt", TIMESTAMPTZ '2000-01-01 00:00:00+00') AS "minute", "status", count(*)::int AS "count"
    FROM "Execution" WHERE ${Prisma.join(where, " AND ")}
    GROUP BY 1, 2 ORDER BY 1`;

  const totals = Object.fromEntries(EXECUTION_STATUSES.map((s) => [s, 0])) as Record<ExecutionStatus, number>;
  const buckets = new Map<number, Partial<Record<ExecutionStatus, number>>>();
  for (const row of rows) {
    const at = row.minute.getTime();
    const counts = buckets.get(at) ?? {};
    counts[row.status] = row.count;
    buckets.set(at, counts);
    totals[row.status] += row.count;
  }
  return {
    from: from.toISOString(),
    to: new Date(end).toISOString(),
    bucketMs: MINUTE_MS,
    buckets: [...buckets].map(([at, counts]) => ({ at: new Date(at).toISOString(), counts })),
    totals,
  };
}
