import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { ResponseMode, WebhookAuthType } from "@/lib/generated/prisma/client";
import { microBatch } from "@/lib/micro-batch";
import type { IdempotencyConfig } from "./sync-triggers";
import type { WebhookAuth } from "./verify-signature";

export type ResolvedWebhook = {
  userId: string;
  workflowId: string;
  workflowVersionId: string;
  nodeId: string;
  path: string;
  responseMode: ResponseMode;
  auth: WebhookAuth;
  idempotency: IdempotencyConfig | null;
};

const METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const MAX_PATH_LENGTH = 1000;

type TriggerRow = {
  userId: string;
  workflowId: string;
  workflowVersionId: string;
  nodeId: string;
  path: string;
  methods: string[];
  responseMode: ResponseMode;
  active: boolean;
  authType: WebhookAuthType;
  authHeaderName: string | null;
  secret: string | null;
  idempotency: IdempotencyConfig | null;
};

const SELECT_TRIGGERS = `
  SELECT "userId"::text AS "userId", "workflowId"::text AS "workflowId", "workflowVersionId"::text AS "workflowVersionId",
         "nodeId", "path", "methods"::text[] AS "methods", "responseMode"::text AS "responseMode", "active",
         "authType"::text AS "authType", "authHeaderName", "secret", "idempotency"
  FROM "WebhookTrigger" WHERE "path" = ANY($1::text[])`;

// Read straight from the database on every request, so a save, (de)activation or secret
// rotation on any instance is visible everywhere at once. Concurrent requests share one query.
const lookupTriggers = microBatch<string, TriggerRow | undefined>({
  name: "resolve webhook",
  maxBatch: 200,
  concurrency: 2,
  run: async (paths) => {
    const rows = await preparedQuery<TriggerRow>("hookflow_resolve_webhook_v2", SELECT_TRIGGERS, [[...new Set(paths)]]);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    return paths.map((p) => byPath.get(p));
  },
});

// Next hands us the segments already percent-decoded, one by one (a "%2F" stays inside its
// segment). Re-encoding each one gives the stored form: explicit paths use only characters
// encodeURIComponent keeps, and generated ones were encoded the same way. So an encoded slash
// cannot alias another webhook, and dot segments or control characters (NUL would make
// PostgreSQL fail the query) never reach the database.
export function webhookPathFromSegments(segments: string[]): string | undefined {
  if (segments.length === 0) return undefined;
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === ".." || /[\u0000-\u001f\u007f\\]/.test(segment)) return undefined;
  }
  const path = segments.map((s) => encodeURIComponent(s)).join("/");
  return path.length <= MAX_PATH_LENGTH ? path : undefined;
}

/** A webhook row found for a path, active or not: whom a refusal of this request belongs to. */
export type FoundWebhook = { workflowId: string; path: string; auth: WebhookAuth };

export async function resolveWebhook(segments: string[], method: string, onFound?: (found: FoundWebhook) => void): Promise<ResolvedWebhook> {
  const path = webhookPathFromSegments(segments);
  const trigger = path ? await lookupTriggers(path) : undefined;
  if (trigger) onFound?.({ workflowId: trigger.workflowId, path: trigger.path, auth: { type: trigger.authType, headerName: trigger.authHeaderName, secret: trigger.secret } });
  // Unknown, inactive and a method the webhook does not take: one 404 with one message. A 405
  // with Allow would tell anyone that the path is someone's live webhook and what it accepts;
  // its owner still sees the real reason in the workflow's delivery log.
  const noWebhook = (logReason?: string) => new AppError({ code: "not_found", message: path ? `No active webhook at /${path}` : "No such webhook", logReason });
  if (!trigger || !trigger.active) throw noWebhook();
  if (!METHODS.includes(method) || !trigger.methods.includes(method)) throw noWebhook("method_not_allowed");
  return {
    userId: trigger.userId,
    workflowId: trigger.workflowId,
    workflowVersionId: trigger.workflowVersionId,
    nodeId: trigger.nodeId,
    path: trigger.path,
    responseMode: trigger.responseMode,
    auth: { type: trigger.authType, headerName: trigger.authHeaderName, secret: trigger.secret },
    idempotency: trigger.idempotency,
  };
}
