import { timingSafeEqual } from "node:crypto";
import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/api/errors";
import { appEnv } from "@/lib/env";
import { reconcileAndPrune } from "@/lib/executions/reconciler-schedule";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  const secret = appEnv().CRON_SECRET;
  if (!secret) return false;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Scheduled by vercel.json; any scheduler can call it with the secret.
const handleGet = withRoute("cron.reconcile", async ({ request }) => {
  if (!authorized(request)) throw new AppError({ code: "unauthorized", message: "CRON_SECRET is required" });
  const { crashed, pruned, deliveries, rateLimitWindows } = await reconcileAndPrune();
  return Response.json({ crashed: crashed.length, pruned, deliveries, rateLimitWindows });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
