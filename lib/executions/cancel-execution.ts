import { abortLocalRun, ExecutionStoppedError } from "./heartbeat";
import { cancelExecution as cancelSaved } from "./lifecycle/execution-lifecycle";
import type { ExecutionStatus } from "./status";

// CANCELLED is written first, so it is final at once and a late finish cannot overwrite it.
// A runner on this instance stops now; on another, at its next heartbeat. A parked run
// simply never resumes.
export async function cancelExecution(userId: string, id: string): Promise<{ id: string; status: ExecutionStatus; published: Promise<void> }> {
  const { saved, published } = await cancelSaved(userId, id);
  abortLocalRun(id, new ExecutionStoppedError());
  return { id, status: saved.status, published };
}
