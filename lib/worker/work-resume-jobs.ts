import { BULK_QUEUE, jobQueue, RESUME_QUEUE, type BulkJob, type ResumeJob } from "@/lib/jobs/job-queue";
import { handleBulkJob } from "./work-bulk-jobs";
import { resumeExecution } from "@/lib/executions/resume-execution";
import { logger } from "@/lib/logger";
import { resumedWebhookAnswer } from "@/lib/triggers/webhook-answer";

export async function handleResumeJob(job: { id: string; data: ResumeJob }): Promise<void> {
  const outcome = await resumeExecution(job.data.executionId, resumedWebhookAnswer);
  if (outcome) logger.info("execution resumed", { executionId: job.data.executionId, status: outcome.status });
}

/**
 * For hosts without a long-running worker (Vercel): work the resume jobs that are due, one
 * after another, until `budgetMs` is spent. Called from the cron route and after webhook
 * responses. A job left unfinished when the function ends expires and is retried.
 */
export async function workDueJobs(budgetMs: number): Promise<number> {
  const boss = await jobQueue();
  const deadline = Date.now() + budgetMs;
  let worked = 0;
  while (Date.now() < deadline) {
    const [job] = await boss.fetch<ResumeJob>(RESUME_QUEUE, { batchSize: 1 });
    if (!job) break;
    try {
      await handleResumeJob(job);
      await boss.complete(RESUME_QUEUE, job.id);
    } catch (error) {
      logger.error("resume job failed", { executionId: job.data.executionId, error });
      await boss.fail(RESUME_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
    }
    worked += 1;
  }
  // Then bulk operations, with what is left of the budget (each job stops in time and queues its continuation).
  while (Date.now() < deadline) {
    const [job] = await boss.fetch<BulkJob>(BULK_QUEUE, { batchSize: 1 });
    if (!job) break;
    try {
      await handleBulkJob(job, Math.max(0, deadline - Date.now()));
      await boss.complete(BULK_QUEUE, job.id);
    } catch (error) {
      logger.error("bulk job failed", { operationId: job.data.operationId, error });
      await boss.fail(BULK_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
    }
    worked += 1;
  }
  return worked;
}
