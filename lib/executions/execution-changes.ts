import { z } from "zod";
import { preparedQuery } from "@/lib/db";
import type { ExecutionStatus } from "./status";

export const executionChangesQuery = z.object({
  after: z.coerce.number().int().min(0, "after must be a sequence number (>= 0)").max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export type ExecutionChange = { seq: number; executionId: string; workflowId: string; status: ExecutionStatus };

// One statement, so one snapshot: the counter and every row's eventSeq are written in the same
// transaction, hence every change numbered up to `lastSeq` is visible here and none is skipped.
const CHANGES = `
  SELECT COALESCE((SELECT "seq" FROM "UserEventCounter" WHERE "userId" = $1::uuid), 0) AS "lastSeq",
         COALESCE((SELECT jsonb_agg(c ORDER BY c."seq") FROM (
           SELECT "eventSeq" AS "seq", "id" AS "executionId", "workflowId", "status" FROM "Execution"
           WHERE "userId" = $1::uuid AND "eventSeq" > $2::int ORDER BY "eventSeq" LIMIT $3::int
         ) c), '[]'::jsonb) AS "events"`;

/**
 * What changed since the client's last applied event number: each execution once, with its
 * latest number and status (the rows are the record; an execution that changed twice is one
 * entry). Without `after`: just the current number, a baseline. A page that is not the last
 * ends at its last entry's number (`hasMore`).
 */
export async function executionChangesSince(userId: string, query: z.infer<typeof executionChangesQuery>) {
  // No `after`: a number no row has, so only the baseline comes back.
  const after = query.after ?? 2_147_483_647;
  const [row] = await preparedQuery<{ lastSeq: number; events: ExecutionChange[] }>("hookflow_execution_changes", CHANGES, [userId, after, query.limit + 1]);
  const all = row?.events ?? [];
  const events = all.slice(0, query.limit);
  const hasMore = all.length > query.limit;
  // With more to come, lastSeq is where this page ends, so a client can ask again from there.
  return { events, lastSeq: hasMore ? (events.at(-1)?.seq ?? 0) : (row?.lastSeq ?? 0), hasMore };
}
