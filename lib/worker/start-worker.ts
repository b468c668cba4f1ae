import { engineEnv } from "@/lib/env";
import { BULK_QUEUE, jobQueue, RESUME_QUEUE, type BulkJob, type ResumeJob } from "@/lib/jobs/job-queue";
import { logger } from "@/lib/logger";
import { maintain, sweepResumable } from "./sweep";
import { handleBulkJob } from "./work-bulk-jobs";
import { handleResumeJob } from "./work-resume-jobs";

const MAINTAIN_EVERY_MS = 60_000;

/**
 * A worker: resumes runs from the job queue (runners that died, durable waits that are over),
 * sweeps for runs that need a runner every HOOKFLOW_SWEEP_MS, and applies retention every
 * minute. Any number of workers may run on any machines; the statements make that safe.
 */
export async function startWorker(options: { concurrency?: number } = {}): Promise<{ stop: () => Promise<void> }> {
  const boss = await jobQueue();
  const concurrency = options.concurrency ?? 8;
  // One polling loop (two cheap queries a second when idle) fetching up to `concurrency` due
  // jobs, run side by side: resumed runs mostly wait on timers and the network, not the CPU.
  // A job that throws is failed and retried by pg-boss with backoff.
  const workers = [
    await boss.work<ResumeJob>(RESUME_QUEUE, { batchSize: concurrency, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      const settled = await Promise.allSettled(jobs.map((job) => handleResumeJob(job)));
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
      if (failed) throw failed.reason;
    }),
    // Bulk operations one at a time per worker; each runs HOOKFLOW_BULK_CONCURRENCY re-runs at once.
    await boss.work<BulkJob>(BULK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await handleBulkJob(job);
    }),
  ];
  const report = (what: string) => (error: unknown) => logger.error(`worker ${what} failed`, { error });
  const sweep = () =>
    sweepResumable().then((ids) => {
      if (ids.length) logger.warn("queued runs to resume", { count: ids.length, ids: ids.slice(0, 20) });
    }, report("sweep"));
  const maintenance = () => maintain().then(undefined, report("maintenance"));
  void maintenance();
  const sweepTimer = setInterval(sweep, engineEnv().HOOKFLOW_SWEEP_MS);
  const maintainTimer = setInterval(maintenance, MAINTAIN_EVERY_MS);
  sweepTimer.unref();
  maintainTimer.unref();
  return {
    stop: async () => {
      clearInterval(sweepTimer);
      clearInterval(maintainTimer);
      for (const id of workers) await boss.offWork({ id });
    },
  };
}
