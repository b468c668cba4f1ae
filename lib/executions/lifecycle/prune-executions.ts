import { preparedQuery } from "@/lib/db";
import { retentionEnv } from "@/lib/env";

// Retention, applied by the maintenance pass (workers at start and every minute, /api/cron/reconcile). Every
// statement touches at most HOOKFLOW_RETENTION_BATCH executions, picked with
// FOR UPDATE SKIP LOCKED: no long locks, a row being written right now is left for the
// next pass, and several instances pruning at once never fight over a row. RUNNING and WAITING rows are
// never touched. Deleting an execution cascades to its node rows and delivery keys.

type Mode = "delete" | "drop";

// Candidates past a user's age limit (users without settings: HOOKFLOW_RETENTION_DAYS).
// Per user through the (userId, startedAt) index, oldest first.
function pastAge(mode: Mode): string {
  return `
    SELECT x."id" FROM "User" u
    LEFT JOIN "RetentionSettings" s ON s."userId" = u."id"
    CROSS JOIN LATERAL (
      SELECT e."id" FROM "Execution" e
      WHERE e."userId" = u."id" AND e."status" NOT IN ('RUNNING', 'WAITING')
        AND e."startedAt" < now() - make_interval(days => COALESCE(s."maxAgeDays", $2::int))
        ${mode === "drop" ? `AND e."payloadPrunedAt" IS NULL` : ""}
      ORDER BY e."startedAt"
      LIMIT $1::int
      FOR UPDATE OF e SKIP LOCKED
    ) x
    WHERE COALESCE(s."dropPayloadOnly", false) = ${mode === "drop"}
    LIMIT $1::int`;
}

// Candidates beyond the newest N finished executions of each workflow, per workflow
// through the (userId, workflowId, startedAt desc, id desc) index. In drop mode rows
// already stripped do not count, so the newest N keep their payloads.
function pastCount(mode: Mode): string {
  return `
    SELECT x."id" FROM "RetentionSettings" s
    JOIN "Workflow" w ON w."userId" = s."userId"
    CROSS JOIN LATERAL (
      SELECT e."id" FROM "Execution" e
      WHERE e."userId" = w."userId" AND e."workflowId" = w."id" AND e."status" NOT IN ('RUNNING', 'WAITING')
        ${mode === "drop" ? `AND e."payloadPrunedAt" IS NULL` : ""}
      ORDER BY e."startedAt" DESC, e."id" DESC
      OFFSET s."maxExecutionsPerWorkflow"
      LIMIT $1::int
      FOR UPDATE OF e SKIP LOCKED
    ) x
    WHERE s."maxExecutionsPerWorkflow" IS NOT NULL AND s."dropPayloadOnly" = ${mode === "drop"}
    LIMIT $1::int`;
}

const deleting = (candidates: string) => `
  WITH gone AS (DELETE FROM "Execution" WHERE "id" IN (${candidates}) RETURNING 1)
  SELECT count(*)::int AS "count" FROM gone`;

// Keeps what the history list and the detail page need to say what happened (status,
// timing, method, path, error, node statuses and errors, the answer's status and time) and
// drops the payloads: the trigger's query/headers/body, the stored answer, the answer's
// headers and body, node input/output and logs.
const dropping = (candidates: string) => `
  WITH picked AS (${candidates}),
  stripped AS (
    UPDATE "Execution" e
    SET "trigger" = jsonb_build_object('method', e."trigger"->'method', 'path', e."trigger"->'path'),
        "response" = NULL, "responseSent" = NULL, "payloadPrunedAt" = now()
    FROM picked WHERE e."id" = picked."id"
    RETURNING e."id"
  ), nodes AS (
    UPDATE "NodeExecution" n SET "input" = NULL, "output" = NULL, "logs" = NULL
    FROM stripped WHERE n."executionId" = stripped."id"
  )
  SELECT count(*)::int AS "count" FROM stripped`;

// Age jobs take (batch, default days); count jobs take (batch).
const JOBS = {
  deletedByAge: { name: "hookflow_prune_age_delete", sql: deleting(pastAge("delete")), withDays: true },
  strippedByAge: { name: "hookflow_prune_age_drop", sql: dropping(pastAge("drop")), withDays: true },
  deletedByCount: { name: "hookflow_prune_count_delete", sql: deleting(pastCount("delete")), withDays: false },
  strippedByCount: { name: "hookflow_prune_count_drop", sql: dropping(pastCount("drop")), withDays: false },
} as const;

export type PruneResult = Record<keyof typeof JOBS, number>;

/** Runs a batch statement until it comes back short or the pass's budget is spent. */
export async function inBatches(run: (batch: number) => Promise<number>): Promise<number> {
  const { HOOKFLOW_RETENTION_BATCH: batch, HOOKFLOW_RETENTION_MAX_BATCHES: maxBatches } = retentionEnv();
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const count = await run(batch);
    total += count;
    if (count < batch) break;
  }
  return total;
}

export async function pruneExecutions(): Promise<PruneResult> {
  const days = retentionEnv().HOOKFLOW_RETENTION_DAYS;
  const result = {} as PruneResult;
  for (const [key, job] of Object.entries(JOBS) as [keyof typeof JOBS, (typeof JOBS)[keyof typeof JOBS]][]) {
    result[key] = await inBatches(async (batch) => {
      const [row] = await preparedQuery<{ count: number }>(job.name, job.sql, job.withDays ? [batch, days] : [batch]);
      return row?.count ?? 0;
    });
  }
  return result;
}
