import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { RateLimit } from "./webhook-limits";

// A fixed window per path, counted in PostgreSQL so every instance shares it: the first
// request of a window inserts the row, later ones increment it under the row lock, so N
// instances admit at most `limit` requests per window between them. The database clock
// decides the window, not each instance's. Once the window is full the row is left alone
// (the WHERE on the update), so a flood does not rewrite it on every refused request.
// Expired windows are deleted by the workers' maintenance pass (lib/executions/lifecycle/prune-executions.ts).
const HIT = `
  WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2::int) * $2::int) AS "start")
  , hit AS (
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count", "expiresAt")
    SELECT $1, w."start", 1, w."start" + make_interval(secs => $2::int) FROM w
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
      WHERE "RateLimitWindow"."count" < $3::int
    RETURNING "count"
  )
  SELECT (SELECT "count" FROM hit) AS "count",
         GREATEST(1, ceil(extract(epoch FROM w."start" + make_interval(secs => $2::int) - now())))::int AS "retryAfter"
  FROM w`;

/** Counts this request against the path's window; a full window is a 429 with Retry-After. */
export async function enforceRateLimit(path: string, rate: RateLimit): Promise<void> {
  const [row] = await preparedQuery<{ count: number | null; retryAfter: number }>("hookflow_rate_limit_hit", HIT, [
    `path:${path}`,
    rate.windowSeconds,
    rate.limit,
  ]);
  if (row && row.count !== null) return;
  const retryAfter = row?.retryAfter ?? rate.windowSeconds;
  const per = rate.windowSeconds === 1 ? "second" : `${rate.windowSeconds} seconds`;
  throw new AppError({
    code: "rate_limited",
    message: `This webhook accepts ${rate.limit} request(s) per ${per}; retry after ${retryAfter} s`,
    details: { reason: "rate_limit", limit: rate.limit, windowSeconds: rate.windowSeconds, retryAfterSeconds: retryAfter },
    headers: { "Retry-After": String(retryAfter) },
  });
}
