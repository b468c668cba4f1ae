import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { HttpMethod, ResponseMode } from "@/lib/generated/prisma/client";
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

// One indexed lookup per request, straight from the database: a save or
// (de)activation on any instance is visible to every instance immediately.
export async function resolveWebhook(rawPath: string, method: string): Promise<ResolvedWebhook> {
  const path = normalizeWebhookPath(rawPath);
  const trigger = path
    ? await db().webhookTrigger.findUnique({
        where: { path },
        select: { userId: true, workflowId: true, workflowVersionId: true, nodeId: true, path: true, methods: true, responseMode: true, active: true },
      })
    : null;
  if (!trigger || !trigger.active) {
    throw new AppError({ code: "not_found", message: `No active webhook at /${path}` });
  }
  if (!METHODS.includes(method) || !trigger.methods.includes(method as HttpMethod)) {
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
