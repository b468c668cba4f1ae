import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { EXECUTION_STATUSES, type ExecutionStatus } from "./status";

export const listExecutionsQuery = z.object({
  workflowId: z.string().uuid("workflowId must be a workflow id").optional(),
  status: z
    .string()
    .transform((s) => s.split(",").map((v) => v.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.enum(EXECUTION_STATUSES)))
    .optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListExecutionsQuery = z.infer<typeof listExecutionsQuery>;

export type ExecutionListItem = {
  id: string;
  workflowId: string;
  workflowName: string;
  status: ExecutionStatus;
  mode: string;
  triggerNodeId: string;
  method: string | null;
  path: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  retryOfId: string | null;
  nodesSucceeded: number;
  nodesFailed: number;
};

// Cursor = the last row's (startedAt, id): keyset pagination stays O(page) at any depth.
function encodeCursor(startedAt: Date, id: string): string {
  return Buffer.from(`${startedAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const startedAt = new Date(iso ?? "");
  if (!id || !isUuid(id) || Number.isNaN(startedAt.getTime())) {
    throw new AppError({ code: "bad_request", message: "cursor is not valid" });
  }
  return { startedAt, id };
}

type Row = {
  id: string; workflowId: string; workflowName: string; status: ExecutionStatus; mode: string; triggerNodeId: string;
  method: string | null; path: string | null; startedAt: Date; finishedAt: Date | null; durationMs: number | null; retryOfId: string | null;
  nodesSucceeded: number; nodesFailed: number;
};

// Raw SQL for the row-value comparison, which walks the (userId, …, startedAt, id)
// indexes directly. Only small columns: method and path are read out of the trigger JSON.
export async function listExecutions(userId: string, query: ListExecutionsQuery): Promise<{ items: ExecutionListItem[]; nextCursor: string | null }> {
  const where: Prisma.Sql[] = [Prisma.sql`e."userId" = ${userId}::uuid`];
  if (query.workflowId) where.push(Prisma.sql`e."workflowId" = ${query.workflowId}::uuid`);
  if (query.status?.length) {
    where.push(Prisma.sql`e."status" IN (${Prisma.join(query.status.map((s) => Prisma.sql`${s}::"ExecutionStatus"`))})`);
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(Prisma.sql`(e."startedAt", e."id") < (${c.startedAt}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await db().$queryRaw<Row[]>`
    SELECT e."id", e."workflowId", w."name" AS "workflowName", e."status", e."mode", e."triggerNodeId",
           e."trigger"->>'method' AS "method", e."trigger"->>'path' AS "path",
           e."startedAt", e."finishedAt", e."durationMs", e."retryOfId", e."nodesSucceeded", e."nodesFailed"
    FROM "Execution" e JOIN "Workflow" w ON w."id" = e."workflowId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY e."startedAt" DESC, e."id" DESC
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      ...r,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}

export async function getExecution(userId: string, id: string) {
  const execution = await db().execution.findFirst({
    where: { id, userId },
    include: {
      workflow: { select: { name: true } },
      workflowVersion: { select: { version: true, name: true, nodes: true, connections: true, settings: true } },
      nodes: { orderBy: [{ startedAt: "asc" }, { runIndex: "asc" }] },
    },
  });
  if (!execution) throw new AppError({ code: "not_found", message: "Execution not found" });
  const { workflowVersion, workflow, nodes, ...rest } = execution;
  // Nodes in the order they ran: start times tie at millisecond resolution.
  const position = new Map(execution.executionPath.map((id, i) => [id, i]));
  const ordered = [...nodes].sort(
    (a, b) => (position.get(a.nodeId) ?? Infinity) - (position.get(b.nodeId) ?? Infinity) || a.startedAt.getTime() - b.startedAt.getTime() || a.runIndex - b.runIndex,
  );
  return { ...rest, nodes: ordered, workflowName: workflow.name, snapshot: workflowVersion };
}
