import { timingSafeEqual } from "node:crypto";
import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/api/errors";
import { appEnv } from "@/lib/env";
import { routeMethods } from "@/lib/api/route-methods";
import { maintain } from "@/lib/worker/sweep";
import { workDueJobs } from "@/lib/worker/work-resume-jobs";

export const dynamic = "force-dynamic";
// Vercel: long enough to resume a few runs per call (Hobby allows 60 s).
export const maxDuration = 60;
const WORK_BUDGET_MS = 40_000;

function authorized(request: Request): boolean {
  const secret = appEnv().CRON_SECRET;
  if (!secret) return false;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// For hosts without a long-running worker (Vercel Cron, any scheduler with the secret): queue
// runs that need a runner, apply retention, then resume due runs within this call's budget.
const handleGet = withRoute("cron.reconcile", async ({ request }) => {
  if (!authorized(request)) throw new AppError({ code: "unauthorized", message: "CRON_SECRET is required" });
  const { queued, pruned, deliveries, rateLimitWindows, refusals } = await maintain();
  const resumed = await workDueJobs(WORK_BUDGET_MS);
  return Response.json({ queued: queued.length, resumed, pruned, deliveries, rateLimitWindows, refusals });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
