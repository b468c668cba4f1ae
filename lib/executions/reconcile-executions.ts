import { preparedQuery } from "@/lib/db";
import { publish } from "@/lib/realtime/publisher";
import { LEASE_SECONDS } from "./heartbeat";

const BATCH = 100;

// RUNNING rows whose runner stopped renewing its lease are CRASHED: the node rows that
// were written are kept, the row gets a final status, and the owner is told. SKIP LOCKED
// plus the status condition make concurrent reconcilers (several instances, cron and
// startup at once) finish each row exactly once. Rows without a lease (written before
// leases existed) count as expired once they are older than one lease.
const CRASH_EXPIRED = `
  UPDATE "Execution" e
  SET "status" = 'CRASHED', "finishedAt" = now(), "leaseExpiresAt" = NULL,
      "durationMs" = GREATEST(0, (EXTRACT(EPOCH FROM (now() - e."startedAt")) * 1000)::int),
      "error" = jsonb_build_object('message', 'The runner stopped before the run finished (its lease expired)', 'failedNodeIds', '[]'::jsonb)
  WHERE e."id" IN (
    SELECT "id" FROM "Execution"
    WHERE "status" = 'RUNNING'
      AND ("leaseExpiresAt" < now() OR ("leaseExpiresAt" IS NULL AND "startedAt" < now() - make_interval(secs => $2)))
    ORDER BY "leaseExpiresAt" NULLS FIRST
    LIMIT $1
    FOR UPDATE SKIP LOCKED
  ) AND e."status" = 'RUNNING'
  RETURNING e."id"::text AS "id", e."userId"::text AS "userId", e."workflowId"::text AS "workflowId", e."durationMs"`;

type Crashed = { id: string; userId: string; workflowId: string; durationMs: number };

export async function reconcileExecutions(options: { maxBatches?: number } = {}): Promise<{ crashed: string[] }> {
  const crashed: string[] = [];
  for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
    const rows = await preparedQuery<Crashed>("hookflow_reconcile_crashed", CRASH_EXPIRED, [BATCH, LEASE_SECONDS]);
    if (rows.length === 0) break;
    crashed.push(...rows.map((r) => r.id));
    await publish(
      ...rows.map((r) => ({
        userId: r.userId,
        name: "executionCompleted" as const,
        data: { executionId: r.id, workflowId: r.workflowId, status: "CRASHED" as const, duration: r.durationMs },
      })),
    );
    if (rows.length < BATCH) break;
  }
  return { crashed };
}
