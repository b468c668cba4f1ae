import { preparedQuery } from "@/lib/db";
import type { ExecutionStatus } from "../status";
import * as sql from "./statements";

export type DeleteOutcome = { deleted: string[]; stillRunning: string[]; missing: string[] };

/**
 * Deletes finished executions of a user (bulk delete; retention prunes in prune-executions.ts).
 * RUNNING/WAITING ones are refused (cancel them first); ids that do not exist (any more) are
 * `missing`. No event: a deleted row has no status to announce; whoever deletes tells the
 * screens to refetch.
 */
export async function deleteExecutions(userId: string, ids: readonly string[]): Promise<DeleteOutcome> {
  if (ids.length === 0) return { deleted: [], stillRunning: [], missing: [] };
  const rows = await preparedQuery<{ id: string; status: ExecutionStatus; deleted: boolean }>("hookflow_delete_runs", sql.DELETE_RUNS, [ids, userId]);
  const found = new Set(rows.map((r) => r.id));
  return {
    deleted: rows.filter((r) => r.deleted).map((r) => r.id),
    stillRunning: rows.filter((r) => !r.deleted).map((r) => r.id),
    missing: ids.filter((id) => !found.has(id)),
  };
}
