import { db } from "@/lib/db";
import type { ExecutionStatus } from "@/lib/executions/status";

export type WorkflowStats = {
  workflowId: string;
  runs24h: number;
  // FAILED and CRASHED runs; PARTIAL runs finished (a node continued past its failure).
  failed24h: number;
  lastStatus: ExecutionStatus | null;
  lastStartedAt: string | null;
};

type Row = { workflowId: string; runs24h: number | null; failed24h: number | null; lastStatus: ExecutionStatus | null; lastStartedAt: Date | null };

// One round trip for the whole list: the 24 h counts are a single grouped range scan on the
// (userId, startedAt) index, and each workflow's latest run is one index probe on
// (userId, workflowId, startedAt desc) through a LATERAL LIMIT 1 — no per-workflow requests.
export async function workflowStats(userId: string, now = new Date()): Promise<WorkflowStats[]> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const rows = await db().$queryRaw<Row[]>`
    SELECT w."id" AS "workflowId", s."runs24h", s."failed24h", l."status" AS "lastStatus", l."startedAt" AS "lastStartedAt"
    FROM "Workflow" w
    LEFT JOIN (
      SELECT e."workflowId", count(*)::int AS "runs24h",
             count(*) FILTER (WHERE e."status" IN ('FAILED'::"ExecutionStatus", 'CRASHED'::"ExecutionStatus"))::int AS "failed24h"
      FROM "Execution" e
      WHERE e."userId" = ${userId}::uuid AND e."startedAt" >= ${since}::timestamptz
      GROUP BY e."workflowId"
    ) s ON s."workflowId" = w."id"
    LEFT JOIN LATERAL (
      SELECT e."status", e."startedAt" FROM "Execution" e
      WHERE e."userId" = ${userId}::uuid AND e."workflowId" = w."id"
      ORDER BY e."startedAt" DESC, e."id" DESC
      LIMIT 1
    ) l ON true
    WHERE w."userId" = ${userId}::uuid`;
  return rows.map((r) => ({
    workflowId: r.workflowId,
    runs24h: r.runs24h ?? 0,
    failed24h: r.failed24h ?? 0,
    lastStatus: r.lastStatus,
    lastStartedAt: r.lastStartedAt?.toISOString() ?? null,
  }));
}

