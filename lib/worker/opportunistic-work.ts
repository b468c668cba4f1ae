import { afterResponse } from "@/lib/api/after-response";
import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sweepResumable } from "./sweep";
import { workDueJobs } from "./work-resume-jobs";

// On Vercel no process outlives its requests, so nothing polls the job queue. Instead, after
// a webhook's response, an instance that has not looked for a while sweeps for runs needing a
// runner and works due resume jobs for a few seconds (Vercel keeps the function alive for
// after()). With traffic, crashed runs and finished waits are picked up within about a minute;
// without any, the cron route (vercel.json) covers it.
const EVERY_MS = 30_000;
const BUDGET_MS = 8_000;

let lastRun = 0;

export function workOpportunistically(): void {
  if (!engineEnv().VERCEL) return;
  const now = Date.now();
  if (now - lastRun < EVERY_MS) return;
  lastRun = now;
  afterResponse(async () => {
    const queued = await sweepResumable();
    const worked = await workDueJobs(BUDGET_MS);
    if (queued.length || worked) logger.info("opportunistic resume pass", { queued: queued.length, worked });
  });
}

/** On Vercel, a new bulk operation starts in the function that created it, after its response. */
export function workBulkSoon(): void {
  if (!engineEnv().VERCEL) return;
  lastRun = Date.now();
  afterResponse(async () => {
    await workDueJobs(BUDGET_MS);
  });
}
