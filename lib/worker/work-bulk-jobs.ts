import { queueBulk, type BulkJob } from "@/lib/jobs/job-queue";
import { stalledOperations } from "@/lib/executions/bulk/bulk-operations";
import { workBulkOperation } from "@/lib/executions/bulk/work-bulk-operation";

// A job works its operation for at most this long, then queues its continuation: a worker
// stays responsive to other jobs, and a function on Vercel ends within its budget.
const JOB_BUDGET_MS = 60_000;
// An operation nobody moved for this long lost its job (a process died): it is queued again.
const STALLED_AFTER_SECONDS = 60;

export async function handleBulkJob(job: { data: BulkJob }, budgetMs = JOB_BUDGET_MS): Promise<void> {
  const result = await workBulkOperation(job.data.operationId, budgetMs);
  if (result === "more") await queueBulk([job.data.operationId]);
}

export async function sweepStalledBulk(): Promise<string[]> {
  const ids = await stalledOperations(STALLED_AFTER_SECONDS);
  await queueBulk(ids);
  return ids;
}
