import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { publish } from "@/lib/realtime/publisher";
import { abortLocalRun, ExecutionStoppedError } from "./heartbeat";
import { EXECUTION_STATUS_INFO, type ExecutionStatus } from "./status";

// CANCELLED is written first, conditionally on RUNNING, so it is final at once and a
// late finish cannot overwrite it. The runner (on whatever instance) sees it at its
// next heartbeat, stops at the next node boundary and aborts in-flight waits and HTTP.
export async function cancelExecution(userId: string, id: string): Promise<{ id: string; status: ExecutionStatus; published: Promise<void> }> {
  const rows = await db().$queryRaw<{ workflowId: string; durationMs: number }[]>`
    UPDATE "Execution"
    SET "status" = 'CANCELLED', "finishedAt" = now(),
        "durationMs" = GREATEST(0, (EXTRACT(EPOCH FROM (now() - "startedAt")) * 1000)::int),
        "error" = jsonb_build_object('message', 'Cancelled by the user', 'failedNodeIds', '[]'::jsonb)
    WHERE "id" = ${id}::uuid AND "userId" = ${userId}::uuid AND "status" = 'RUNNING'
    RETURNING "workflowId"::text AS "workflowId", "durationMs"`;
  const cancelled = rows[0];
  if (!cancelled) {
    const current = await db().execution.findFirst({ where: { id, userId }, select: { status: true } });
    if (!current) throw new AppError({ code: "not_found", message: "Execution not found" });
    throw new AppError({ code: "conflict", message: `Execution already finished: ${EXECUTION_STATUS_INFO[current.status].label}` });
  }
  abortLocalRun(id, new ExecutionStoppedError());
  const published = publish({
    userId,
    name: "executionCompleted",
    data: { executionId: id, workflowId: cancelled.workflowId, status: "CANCELLED", duration: cancelled.durationMs },
  });
  return { id, status: "CANCELLED", published };
}
