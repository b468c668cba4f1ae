import { jobQueue, RESUME_QUEUE, type ResumeJob } from "@/lib/jobs/job-queue";
import { resumeExecution } from "@/lib/executions/resume-execution";
import { logger } from "@/lib/logger";

export async function handleResumeJob(job: { id: string; data: ResumeJob }): Promise<void> {
  const outcome = await resumeExecution(job.data.executionId);
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
  return worked;
}
