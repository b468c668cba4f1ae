import { afterResponse } from "@/lib/api/after-response";
import { preparedQuery } from "@/lib/db";
import { serializeJson } from "@/lib/executions/json";
import { logger } from "@/lib/logger";
import { batchedDelete, prune } from "@/lib/triggers/prune-webhook-state";
import { RefusalBuffer, SAMPLES_PER_KEY, type RefusalKey, type RefusalSample } from "./refusal-buffer";

// The one writer of RefusalCount and RefusedDelivery. A refused webhook request costs a map
// update in memory (refusal-buffer.ts); about once a second the buffer is written in ONE
// statement: counts upserted per key and minute, samples inserted into free slots (at most
// SAMPLES_PER_KEY per key and minute across every flush and instance: the unique slot index
// decides). So a flood of junk adds rows per key and minute, not per request, and never
// touches the statements of accepted webhooks. The flush runs through afterResponse (Next
// `after()`: a serverless function stays alive for it) and at graceful shutdown. A crash
// loses at most the last second of refusal counts: refusals are not accepted work.

export const FLUSH_MS = 1_000;
/** Refusal rows are deleted by the maintenance pass after this many days. */
export const REFUSALS_KEEP_DAYS = 7;

// On globalThis: the production build holds one copy of this module per route chunk, and the
// shutdown handler (instrumentation) must flush what the webhook route gathered.
type State = { buffer: RefusalBuffer; scheduled: boolean; flushing: Promise<unknown> };
const KEY = Symbol.for("hookflow.refusal-log");
const store = globalThis as unknown as Record<symbol, State | undefined>;
const state: State = (store[KEY] ??= { buffer: new RefusalBuffer(), scheduled: false, flushing: Promise.resolve() });

// Draining refusals carry only a path: the workflow is looked up here, once per key, not per
// request. A workflow deleted meanwhile drops its rows (the join), never fails the flush.
const FLUSH = `
  WITH c AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS c("workflowId" uuid, "path" text, "minute" timestamptz, "status" int, "reason" text, "count" int)
  ), owned AS (
    SELECT w."id" AS "workflowId", c."path", c."minute", c."status", c."reason", sum(c."count")::int AS "count"
    FROM c JOIN "Workflow" w ON w."id" = COALESCE(c."workflowId", (SELECT t."workflowId" FROM "WebhookTrigger" t WHERE t."path" = c."path"))
    GROUP BY 1, 2, 3, 4, 5
  ), counted AS (
    INSERT INTO "RefusalCount" AS k ("workflowId", "path", "minute", "status", "reason", "count")
    SELECT * FROM owned ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("workflowId", "path", "minute", "status", "reason") DO UPDATE SET "count" = k."count" + EXCLUDED."count"
    RETURNING 1
  ), s AS (
    SELECT w."id" AS "wf", s.* FROM jsonb_to_recordset($2::jsonb) AS s("id" uuid, "workflowId" uuid, "path" text, "minute" timestamptz, "status" int,
      "reason" text, "method" text, "message" text, "receivedAt" timestamptz, "bodyBytes" int, "headers" jsonb, "bodySample" text, "bodyEncoding" text)
    JOIN "Workflow" w ON w."id" = COALESCE(s."workflowId", (SELECT t."workflowId" FROM "WebhookTrigger" t WHERE t."path" = s."path"))
  ), slotted AS (
    SELECT s.*, (SELECT count(*) FROM "RefusedDelivery" d
                 WHERE d."workflowId" = s."wf" AND d."path" = s."path" AND d."minute" = s."minute" AND d."status" = s."status" AND d."reason" = s."reason")::int
              + row_number() OVER (PARTITION BY s."wf", s."path", s."minute", s."status", s."reason" ORDER BY s."receivedAt", s."id")::int - 1 AS "slot"
    FROM s
  ), sampled AS (
    INSERT INTO "RefusedDelivery" ("id", "workflowId", "path", "minute", "status", "reason", "slot", "method", "message", "receivedAt", "bodyBytes",
                                   "headers", "bodySample", "bodyEncoding")
    SELECT "id", "wf", "path", "minute", "status", "reason", "slot", "method", "message", "receivedAt", "bodyBytes", "headers", "bodySample", "bodyEncoding"
    FROM slotted WHERE "slot" < ${SAMPLES_PER_KEY}
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM counted)::int AS "counts", (SELECT count(*) FROM sampled)::int AS "samples"`;

/**
 * Counts one refused request. `sample` builds what is kept of it (redacted headers, the body's
 * first bytes) and is called only while its key and minute still want a sample.
 */
export function noteRefusal(key: RefusalKey, sample: () => RefusalSample, at = new Date()): void {
  state.buffer.add(key, at, sample);
  if (state.scheduled) return;
  state.scheduled = true;
  afterResponse(async () => {
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
    await flushRefusals();
  });
}

/** Writes what the buffer holds (one statement); resolves when it is written or given up. */
export async function flushRefusals(): Promise<{ counts: number; samples: number }> {
  state.scheduled = false;
  const { counts, samples, unattributed, overflow } = state.buffer.drain();
  // Requests to paths no workflow owns have nobody to be shown to: a log line, never a row.
  if (Object.keys(unattributed).length || overflow) logger.info("refused webhook requests to unknown paths", { byStatusAndReason: unattributed, overflow });
  if (counts.length === 0) return { counts: 0, samples: 0 };
  const write = state.flushing.then(async () => {
    try {
      const [row] = await preparedQuery<{ counts: number; samples: number }>("hookflow_refusals_flush", FLUSH, [serializeJson(counts), serializeJson(samples)]);
      return row ?? { counts: 0, samples: 0 };
    } catch (error) {
      // Dropped, not retried: a refusal log must not pile up in memory while the database is away.
      logger.warn("could not record refused webhook requests", { keys: counts.length, error });
      return { counts: 0, samples: 0 };
    }
  });
  state.flushing = write;
  return write;
}

const PRUNE_COUNTS = batchedDelete("RefusalCount", `"workflowId", "path", "minute", "status", "reason"`, `"minute" < now() - make_interval(days => ${REFUSALS_KEEP_DAYS})`);
const PRUNE_SAMPLES = batchedDelete("RefusedDelivery", `"id"`, `"receivedAt" < now() - make_interval(days => ${REFUSALS_KEEP_DAYS})`);

/** The maintenance pass: refusal rows older than REFUSALS_KEEP_DAYS, in small SKIP LOCKED batches. */
export async function pruneRefusals(): Promise<number> {
  return (await prune("hookflow_prune_refusal_counts", PRUNE_COUNTS)) + (await prune("hookflow_prune_refused", PRUNE_SAMPLES));
}
