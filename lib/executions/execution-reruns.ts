import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { ExecutionStatus } from "./status";

export type RerunItem = { id: string; status: ExecutionStatus; startedAt: string; finishedAt: string | null; durationMs: number | null };

export type ExecutionReruns = {
  executionId: string;
  /** Newest first, at most RERUNS_SHOWN. */
  items: RerunItem[];
  /** How many re-runs it has in all. */
  total: number;
  /** The newest re-run that succeeded, when the execution itself did not: "fixed by re-run". */
  fixedBy: string | null;
};

const RERUNS_SHOWN = 50;

// Direct re-runs only (retryOfId = this execution), read through the (retryOfId, status) index.
export async function listReruns(userId: string, executionId: string): Promise<ExecutionReruns> {
  const original = await db().execution.findFirst({ where: { id: executionId, userId }, select: { id: true, status: true } });
  if (!original) throw new AppError({ code: "not_found", message: "Execution not found" });
  const where = { retryOfId: executionId, userId };
  const [rows, total, fixed] = await Promise.all([
    db().execution.findMany({
      where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: RERUNS_SHOWN,
      select: { id: true, status: true, startedAt: true, finishedAt: true, durationMs: true },
    }),
    db().execution.count({ where }),
    original.status === "SUCCEEDED"
      ? null
      : db().execution.findFirst({ where: { ...where, status: "SUCCEEDED" }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: { id: true } }),
  ]);
  return {
    executionId,
    items: rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null })),
    total,
    fixedBy: fixed?.id ?? null,
  };
}
