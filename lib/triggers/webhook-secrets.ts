import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { WebhookAuthType } from "@/lib/generated/prisma/client";
import { DEFAULT_SECRET_HEADER } from "./verify-signature";

// 32 random bytes; hex so it pastes anywhere (headers, env files, GitHub's form).
export function generateWebhookSecret(): string {
  return randomBytes(32).toString("hex");
}

export function authNeedsSecret(type: WebhookAuthType): boolean {
  return type !== "none";
}

export type WebhookSecretView = {
  nodeId: string;
  authType: WebhookAuthType;
  headerName: string | null;
  secret: string;
  rotatedAt: string | null;
};

const secretSelect = { nodeId: true, authType: true, authHeaderName: true, secret: true, secretRotatedAt: true } as const;

function toView(row: { nodeId: string; authType: WebhookAuthType; authHeaderName: string | null; secret: string | null; secretRotatedAt: Date | null }): WebhookSecretView {
  if (!row.secret || !authNeedsSecret(row.authType)) {
    throw new AppError({ code: "conflict", message: `Webhook "${row.nodeId}" has no secret: its auth type is "${row.authType}"` });
  }
  return {
    nodeId: row.nodeId,
    authType: row.authType,
    headerName: row.authType === "header" ? (row.authHeaderName ?? DEFAULT_SECRET_HEADER) : null,
    secret: row.secret,
    rotatedAt: row.secretRotatedAt?.toISOString() ?? null,
  };
}

function notFound(): AppError {
  return new AppError({ code: "not_found", message: "Webhook not found" });
}

// The owner check is in the where: another user's webhook is indistinguishable from none.
export async function getWebhookSecret(userId: string, workflowId: string, nodeId: string): Promise<WebhookSecretView> {
  const row = await db().webhookTrigger.findFirst({ where: { workflowId, nodeId, userId }, select: secretSelect });
  if (!row) throw notFound();
  return toView(row);
}

// The old secret stops working the moment this commits (every request reads the row).
export async function rotateWebhookSecret(userId: string, workflowId: string, nodeId: string): Promise<WebhookSecretView> {
  await db().webhookTrigger.updateMany({
    where: { workflowId, nodeId, userId, authType: { not: "none" } },
    data: { secret: generateWebhookSecret(), secretRotatedAt: new Date() },
  });
  // Nothing updated → this read answers 404 (not theirs / no such node) or 409 (no secret).
  return getWebhookSecret(userId, workflowId, nodeId);
}
