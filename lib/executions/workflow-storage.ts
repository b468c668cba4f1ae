import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";

export type WorkflowStorage = {
  workflowId: string;
  executions: number;
  /** Executions whose payload columns retention dropped (the rows are kept). */
  payloadDropped: number;
  byStatus: Record<string, number>;
  nodeExecutions: number;
  /** Stored bytes of the payload columns: pg_column_size, i.e. after TOAST compression. */
  storedBytes: { executions: number; nodeExecutions: number; total: number };
};

// Exact for what a user controls (trigger, answer, error, node input/output/error/attempts/logs,
// as stored, after compression); row headers, fixed-width columns and indexes are left out.
// It reads every row of the workflow's history, so it is for a settings/stats page, not a list:
// a few milliseconds per thousand executions. The owner check is in the WHERE.
const STORAGE = `
  WITH ex AS (
    SELECT e."id", e."status", e."payloadPrunedAt",
           COALESCE(pg_column_size(e."trigger"), 0) + COALESCE(pg_column_size(e."response"), 0) + COALESCE(pg_column_size(e."error"), 0) AS "bytes"
    FROM "Execution" e WHERE e."workflowId" = $1::uuid AND e."userId" = $2::uuid
  ), nodes AS (
    SELECT count(*)::int AS "count",
           COALESCE(sum(COALESCE(pg_column_size(n."input"), 0) + COALESCE(pg_column_size(n."output"), 0) + COALESCE(pg_column_size(n."error"), 0)
                      + COALESCE(pg_column_size(n."attempts"), 0) + COALESCE(pg_column_size(n."logs"), 0)), 0)::float8 AS "bytes"
    FROM "NodeExecution" n JOIN ex ON ex."id" = n."executionId"
  )
  SELECT (SELECT count(*) FROM ex)::int AS "executions",
         (SELECT count(*) FROM ex WHERE ex."payloadPrunedAt" IS NOT NULL)::int AS "payloadDropped",
         (SELECT COALESCE(jsonb_object_agg(s."status", s."count"), '{}'::jsonb)
            FROM (SELECT ex."status"::text AS "status", count(*)::int AS "count" FROM ex GROUP BY ex."status") s) AS "byStatus",
         (SELECT COALESCE(sum(ex."bytes"), 0) FROM ex)::float8 AS "executionBytes",
         nodes."count" AS "nodeExecutions", nodes."bytes" AS "nodeBytes"
  FROM "Workflow" w CROSS JOIN nodes
  WHERE w."id" = $1::uuid AND w."userId" = $2::uuid`;

type Row = { executions: number; payloadDropped: number; byStatus: Record<string, number>; executionBytes: number; nodeExecutions: number; nodeBytes: number };

export async function workflowStorage(userId: string, workflowId: string): Promise<WorkflowStorage> {
  const [row] = await preparedQuery<Row>("hookflow_workflow_storage", STORAGE, [workflowId, userId]);
  if (!row) throw new AppError({ code: "not_found", message: "Workflow not found" });
  return {
    workflowId,
    executions: row.executions,
    payloadDropped: row.payloadDropped,
    byStatus: row.byStatus,
    nodeExecutions: row.nodeExecutions,
    storedBytes: { executions: row.executionBytes, nodeExecutions: row.nodeBytes, total: row.executionBytes + row.nodeBytes },
  };
}
