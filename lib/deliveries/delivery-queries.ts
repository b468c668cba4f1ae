import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, type KeysetPosition } from "@/lib/api/keyset-cursor";
import { AppError } from "@/lib/api/errors";
import { flushRefusals } from "./refusal-log";
import type { ExecutionStatus } from "@/lib/executions/status";

// A workflow's deliveries, newest first: accepted ones are its WEBHOOK executions (with the
// status and time of the answer their sender got), refused ones the samples of the refusal
// log, each with how many like it were refused in its minute. Keyset-paginated on
// (time, id) across both. A status filter is a code (422) or a class (4xx).
//
// Bounded: each source reads at most SCAN_ROWS rows of its (workflow, time, id) index per
// page, whatever the filter. When a selective filter finds fewer than a page in that many,
// the page is short and `nextCursor` continues below the rows already read, so a filter that
// matches nothing never turns into a scan of the whole history.
export const SCAN_ROWS = 2_000;

export const DELIVERY_OUTCOMES = ["accepted", "refused"] as const;

export const listDeliveriesQuery = z.object({
  status: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([1-5]xx|[1-5][0-9][0-9])$/, "status must be an HTTP status (422) or a class (4xx)")
    .optional(),
  outcome: z.enum(DELIVERY_OUTCOMES).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

export type AcceptedDelivery = {
  kind: "accepted";
  id: string;
  at: string;
  method: string | null;
  path: string | null;
  /** What the sender got; null when no answer was recorded (a run resumed after a crash). */
  status: number | null;
  ms: number | null;
  executionId: string;
  executionStatus: ExecutionStatus;
};

export type RefusedDelivery = {
  kind: "refused";
  id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  reason: string;
  message: string;
  bodyBytes: number | null;
  headers: Record<string, string>;
  bodySample: string | null;
  bodyEncoding: "utf8" | "base64" | null;
  /** Refused with the same path, status and reason in the same minute, and how many of them were sampled. */
  similar: { count: number; sampled: number };
};

export type Delivery = AcceptedDelivery | RefusedDelivery;
export type DeliveryPage = { items: Delivery[]; nextCursor: string | null };

type Position = KeysetPosition;

const after = (a: Position, b: Position) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function statusCondition(column: Prisma.Sql, status: string | undefined): Prisma.Sql {
  if (!status) return Prisma.sql`true`;
  if (status.endsWith("xx")) {
    const low = Number(status[0]) * 100;
    return Prisma.sql`${column} BETWEEN ${low}::int AND ${low + 99}::int`;
  }
  return Prisma.sql`${column} = ${Number(status)}::int`;
}

type Scanned<R> = { rows: (R & Position)[]; floor: Position | null };

// One source: up to SCAN_ROWS rows below the cursor in index order (small columns only), the
// matches among them (up to `take`, then `detail` adds the wider columns to those alone), and
// the last row read when the scan was cut short (the floor).
async function scan<R>(source: Prisma.Sql, match: Prisma.Sql, detail: Prisma.Sql, take: number): Promise<Scanned<R>> {
  const rows = await db().$queryRaw<(R & Position & { floorAt: Date | null; floorId: string | null; scanned: number })[]>`
    WITH scan AS MATERIALIZED (${source} LIMIT ${SCAN_ROWS}),
    floor AS (SELECT "at" AS "floorAt", "id" AS "floorId", (SELECT count(*) FROM scan)::int AS "scanned" FROM scan ORDER BY "at" ASC, "id" ASC LIMIT 1),
    m AS (SELECT * FROM scan WHERE ${match} ORDER BY "at" DESC, "id" DESC LIMIT ${take})
    SELECT x.*, f.* FROM floor f LEFT JOIN LATERAL (${detail}) x ON true`;
  const first = rows[0];
  const floor = first && first.scanned >= SCAN_ROWS && first.floorAt && first.floorId ? { at: first.floorAt, id: first.floorId } : null;
  // The floor columns ride on every row; the rows keep them (they are not read further).
  return { rows: rows.filter((r) => r.id !== null), floor };
}

type AcceptedRow = { method: string | null; path: string | null; status: number | null; ms: number | null; executionStatus: ExecutionStatus };
type RefusedRow = Omit<RefusedDelivery, "kind" | "id" | "at" | "similar"> & { similarCount: number; sampled: number };

export async function listDeliveries(userId: string, workflowId: string, query: ListDeliveriesQuery): Promise<DeliveryPage> {
  const owned = await db().workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true } });
  if (!owned) throw new AppError({ code: "not_found", message: "Workflow not found" });
  // This process's refusals are written before the log is read (a statement only when some are
  // buffered): an instance shows what it refused at once, other instances' within a flush (~1 s).
  await flushRefusals();
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const take = query.limit + 1;

  const accepted =
    query.outcome === "refused"
      ? null
      : await scan<AcceptedRow>(
          Prisma.sql`SELECT e."id", e."startedAt" AS "at", e."mode", e."responseStatus" AS "status", e."responseMs" AS "ms", e."status"::text AS "executionStatus"
                     FROM "Execution" e WHERE e."userId" = ${userId}::uuid AND e."workflowId" = ${workflowId}::uuid
                     ${cursor ? Prisma.sql`AND (e."startedAt", e."id") < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : Prisma.empty}
                     ORDER BY e."startedAt" DESC, e."id" DESC`,
          Prisma.sql`"mode" = 'WEBHOOK' AND ${statusCondition(Prisma.sql`"status"`, query.status)}`,
          Prisma.sql`SELECT m.*, e."trigger"->>'method' AS "method", e."trigger"->>'path' AS "path" FROM m JOIN "Execution" e ON e."id" = m."id"`,
          take,
        );
  const refused =
    query.outcome === "accepted"
      ? null
      : await scan<RefusedRow>(
          Prisma.sql`SELECT d."id", d."receivedAt" AS "at", d."status" FROM "RefusedDelivery" d WHERE d."workflowId" = ${workflowId}::uuid
                     ${cursor ? Prisma.sql`AND (d."receivedAt", d."id") < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : Prisma.empty}
                     ORDER BY d."receivedAt" DESC, d."id" DESC`,
          statusCondition(Prisma.sql`"status"`, query.status),
          Prisma.sql`SELECT d."id", d."receivedAt" AS "at", d."method", d."path", d."status", d."reason", d."message", d."bodyBytes", d."headers",
                            d."bodySample", d."bodyEncoding",
                            COALESCE((SELECT k."count" FROM "RefusalCount" k WHERE k."workflowId" = d."workflowId" AND k."path" = d."path"
                                      AND k."minute" = d."minute" AND k."status" = d."status" AND k."reason" = d."reason"), 0) AS "similarCount",
                            (SELECT count(*) FROM "RefusedDelivery" s WHERE s."workflowId" = d."workflowId" AND s."path" = d."path"
                                      AND s."minute" = d."minute" AND s."status" = d."status" AND s."reason" = d."reason")::int AS "sampled"
                     FROM m JOIN "RefusedDelivery" d ON d."id" = m."id"`,
          take,
        );

  // Rows below a source's floor were not read from that source yet: they wait for the next page.
  const floors = [accepted?.floor, refused?.floor].filter((f): f is Position => !!f);
  const bound = floors.sort(after).at(-1) ?? null;
  const merged: (Delivery & { position: Position })[] = [
    ...(accepted?.rows ?? []).map((r) => ({
      kind: "accepted" as const,
      id: r.id,
      at: r.at.toISOString(),
      method: r.method,
      path: r.path,
      status: r.status,
      ms: r.ms,
      executionId: r.id,
      executionStatus: r.executionStatus,
      position: { at: r.at, id: r.id },
    })),
    ...(refused?.rows ?? []).map((r) => ({
      kind: "refused" as const,
      id: r.id,
      at: r.at.toISOString(),
      method: r.method,
      path: r.path,
      status: r.status,
      reason: r.reason,
      message: r.message,
      bodyBytes: r.bodyBytes,
      headers: r.headers,
      bodySample: r.bodySample,
      bodyEncoding: r.bodyEncoding,
      similar: { count: Number(r.similarCount), sampled: r.sampled },
      position: { at: r.at, id: r.id },
    })),
  ]
    .filter((d) => !bound || after(d.position, bound) >= 0)
    .sort((a, b) => after(b.position, a.position));

  const page = merged.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = merged.length > query.limit && last ? encodeCursor(last.position) : bound ? encodeCursor(bound) : null;
  return {
    items: page.map((d) => {
      const item: Partial<typeof d> = { ...d };
      delete item.position;
      return item as Delivery;
    }),
    nextCursor,
  };
}
