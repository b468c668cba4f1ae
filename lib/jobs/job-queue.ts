import PgBoss from "pg-boss";
import type pg from "pg";
import { pool } from "@/lib/db";
import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

// The job queue is pg-boss on the application's own PostgreSQL (schema "pgboss", created and
// migrated by pg-boss itself on first start). Hookflow queues only what needs a job: runs to
// resume (a runner died, a durable wait is over). New runs never touch it.
export const RESUME_QUEUE = "hookflow-resume-execution";

export type ResumeJob = { executionId: string };

// Bulk actions on executions (lib/executions/bulk/): one job works an operation's items for a
// while, then queues its continuation; items are claimed, so several jobs of one operation
// (a retry, a sweep's re-queue) share the work instead of repeating it.
export const BULK_QUEUE = "hookflow-bulk-operation";

export type BulkJob = { operationId: string };

type SqlRunner = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

const globalForJobs = globalThis as unknown as { hookflowBoss?: Promise<PgBoss> };

function sqlOn(client: pg.Pool | pg.PoolClient): SqlRunner {
  return { executeSql: (text, values) => client.query(text, values as unknown[]) };
}

/** The process's pg-boss instance, started (schema migrated, queue created) on first use. */
export function jobQueue(): Promise<PgBoss> {
  globalForJobs.hookflowBoss ??= (async () => {
    const boss = new PgBoss({ db: sqlOn(pool()), schema: "pgboss", supervise: false, schedule: false });
    boss.on("error", (error: unknown) => logger.warn("job queue error", { error }));
    await boss.start();
    // A run may take up to the run limit; an expired job is retried, and the claim makes a retry harmless.
    const expireInSeconds = Math.ceil(engineEnv().HOOKFLOW_MAX_RUN_MS / 1000) + 120;
    await boss.createQueue(RESUME_QUEUE, { name: RESUME_QUEUE, policy: "short", retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds });
    await boss.createQueue(BULK_QUEUE, { name: BULK_QUEUE, policy: "short", retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds });
    return boss;
  })().catch((error: unknown) => {
    globalForJobs.hookflowBoss = undefined;
    throw error;
  });
  return globalForJobs.hookflowBoss;
}

/**
 * Queues the resumption of runs, at `startAfter` (a durable wait) or now. `policy: "short"` keeps
 * at most one queued job per execution, so a sweep repeating itself adds nothing. Pass `client`
 * to queue inside that client's transaction (parking a run and scheduling its resumption commit
 * together).
 */
export async function queueResume(runs: { executionId: string; startAfter?: Date }[], client?: pg.PoolClient): Promise<void> {
  if (runs.length === 0) return;
  const boss = await jobQueue();
  const db = client ? sqlOn(client) : undefined;
  await boss.insert(
    runs.map((r) => ({ name: RESUME_QUEUE, data: { executionId: r.executionId } satisfies ResumeJob, singletonKey: r.executionId, ...(r.startAfter ? { startAfter: r.startAfter } : {}) })),
    db ? { db } : {},
  );
}

/** Queues work on bulk operations; at most one queued job per operation. `client`: inside its transaction. */
export async function queueBulk(operationIds: string[], client?: pg.PoolClient): Promise<void> {
  if (operationIds.length === 0) return;
  const boss = await jobQueue();
  const db = client ? sqlOn(client) : undefined;
  await boss.insert(
    operationIds.map((operationId) => ({ name: BULK_QUEUE, data: { operationId } satisfies BulkJob, singletonKey: operationId })),
    db ? { db } : {},
  );
}
