import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { ResponseMode } from "@/lib/generated/prisma/client";
import { microBatch } from "@/lib/micro-batch";
import { normalizeWebhookPath } from "./sync-triggers";

export type ResolvedWebhook = {
  userId: string;
  workflowId: string;
  workflowVersionId: string;
  nodeId: string;
  path: string;
  responseMode: ResponseMode;
};

const METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type TriggerRow = ResolvedWebhook & { methods: string[]; active: boolean };

const SELECT_TRIGGERS = `
  SELECT "userId"::text AS "userId", "workflowId"::text AS "workflowId", "workflowVersionId"::text AS "workflowVersionId",
         "nodeId", "path", "methods"::text[] AS "methods", "responseMode"::text AS "responseMode", "active"
  FROM "WebhookTrigger" WHERE "path" = ANY($1::text[])`;

// Read straight from the database on every request, so a save or (de)activation on any
// instance is visible everywhere at once. Concurrent requests share one query.
const lookupTriggers = microBatch<string, TriggerRow | undefined>({
  name: "resolve webhook",
  maxBatch: 200,
  concurrency: 2,
  run: async (paths) => {
    const rows = await preparedQuery<TriggerRow>("hookflow_resolve_webhook", SELECT_TRIGGERS, [[...new Set(paths)]]);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    return paths.map((p) => byPath.get(p));
  },
});

export async function resolveWebhook(rawPath: string, method: string): Promise<ResolvedWebhook> {
  const path = normalizeWebhookPath(rawPath);
  const trigger = path ? await lookupTriggers(path) : undefined;
  if (!trigger || !trigger.active) {
    throw new AppError({ code: "not_found", message: `No active webhook at /${path}` });
  }
  if (!METHODS.includes(method) || !trigger.methods.includes(method)) {
    throw new AppError({
      code: "method_not_allowed",
      message: `This webhook accepts ${trigger.methods.join(", ")}, not ${method}`,
      headers: { Allow: trigger.methods.join(", ") },
    });
  }
  return {
    userId: trigger.userId,
    workflowId: trigger.workflowId,
    workflowVersionId: trigger.workflowVersionId,
    nodeId: trigger.nodeId,
    path: trigger.path,
    responseMode: trigger.responseMode,
  };
}
