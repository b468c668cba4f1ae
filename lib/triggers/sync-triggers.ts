import { Prisma } from "@/lib/generated/prisma/client";
import type { HttpMethod, ResponseMode, WebhookAuthType } from "@/lib/generated/prisma/client";
import type { WorkflowNode } from "@/lib/engine/types";
import { AppError } from "@/lib/api/errors";
import { authNeedsSecret, generateWebhookSecret } from "./webhook-secrets";

export type IdempotencyConfig = { header?: string; bodyField?: string };

export type DesiredTrigger = {
  nodeId: string;
  path: string;
  methods: HttpMethod[];
  responseMode: ResponseMode;
  authType: WebhookAuthType;
  authHeaderName: string | null;
  idempotency: IdempotencyConfig | null;
};

type WebhookNodeParameters = {
  path?: string;
  methods?: HttpMethod[];
  responseMode?: ResponseMode;
  auth?: { type?: WebhookAuthType; headerName?: string };
  idempotency?: IdempotencyConfig;
};

export function normalizeWebhookPath(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}

// Webhook nodes without an explicit path get one that is unique by construction.
export function desiredTriggers(workflowId: string, nodes: WorkflowNode[]): DesiredTrigger[] {
  return nodes
    .filter((node) => node.type === "webhook")
    .map((node) => {
      const p = node.parameters as WebhookNodeParameters;
      const authType = p.auth?.type ?? "none";
      return {
        nodeId: node.id,
        path: normalizeWebhookPath(p.path ?? `${workflowId}/${encodeURIComponent(node.id)}`),
        methods: p.methods ?? ["POST"],
        responseMode: p.responseMode ?? "lastNode",
        authType,
        authHeaderName: authType === "header" ? (p.auth?.headerName?.toLowerCase() ?? null) : null,
        idempotency: p.idempotency?.header || p.idempotency?.bodyField ? p.idempotency : null,
      };
    });
}

// A secret stays while the node id and auth type stay (senders keep working across
// saves); a new auth type that needs one gets a fresh one; "none" drops it.
function secretFor(trigger: DesiredTrigger, existing: { authType: WebhookAuthType; secret: string | null } | undefined): string | null {
  if (!authNeedsSecret(trigger.authType)) return null;
  if (existing?.secret && existing.authType === trigger.authType) return existing.secret;
  return generateWebhookSecret();
}

/** The unique form of a webhook path: stored paths are ASCII (percent-encoded), so lower-casing is exact. */
export function webhookPathKey(path: string): string {
  return path.toLowerCase();
}

// Runs inside the workflow-save transaction, so the webhook table always matches
// the saved definition: a new webhook is live the moment the save commits.
export async function syncTriggers(
  tx: Prisma.TransactionClient,
  workflow: { id: string; userId: string; active: boolean; versionId: string; nodes: WorkflowNode[] },
): Promise<void> {
  const desired = desiredTriggers(workflow.id, workflow.nodes);
  const paths = desired.map((d) => d.path);
  // Paths are one namespace for every user, compared without case: `A/orders` beside another
  // user's `a/orders` would be a lookalike a sender could be pointed at.
  const keys = paths.map(webhookPathKey);
  const duplicate = paths.find((_, i) => keys.indexOf(keys[i]!) !== i);
  if (duplicate) throw new AppError({ code: "conflict", message: `Two webhook nodes use the path "${duplicate}" (paths are compared without case)` });

  // Says only that the path is taken (that cannot be hidden in a shared namespace), not by whom.
  const taken = await tx.webhookTrigger.findFirst({
    where: { pathKey: { in: keys }, workflowId: { not: workflow.id } },
    select: { pathKey: true },
  });
  if (taken) {
    const path = paths[keys.indexOf(taken.pathKey)] ?? taken.pathKey;
    throw new AppError({ code: "conflict", message: `Webhook path "${path}" is already taken (paths are compared without case); choose another` });
  }

  const existing = new Map(
    (await tx.webhookTrigger.findMany({ where: { workflowId: workflow.id }, select: { nodeId: true, authType: true, secret: true } })).map((r) => [r.nodeId, r]),
  );
  await tx.webhookTrigger.deleteMany({ where: { workflowId: workflow.id, nodeId: { notIn: desired.map((d) => d.nodeId) } } });
  // Paths may move between nodes of this workflow: clear this workflow's rows whose
  // path changed first so the unique index never sees a transient duplicate.
  await tx.webhookTrigger.deleteMany({ where: { workflowId: workflow.id, pathKey: { in: keys }, NOT: { OR: desired.map((d) => ({ nodeId: d.nodeId, path: d.path })) } } });
  for (const trigger of desired) {
    const previous = existing.get(trigger.nodeId);
    const secret = secretFor(trigger, previous);
    const data = {
      ...trigger,
      pathKey: webhookPathKey(trigger.path),
      idempotency: trigger.idempotency ?? Prisma.DbNull,
      secret,
      ...(secret !== null && secret !== previous?.secret ? { secretRotatedAt: new Date() } : {}),
      active: workflow.active,
      userId: workflow.userId,
      workflowVersionId: workflow.versionId,
    };
    await tx.webhookTrigger.upsert({
      where: { workflowId_nodeId: { workflowId: workflow.id, nodeId: trigger.nodeId } },
      create: { ...data, workflowId: workflow.id },
      update: data,
    });
  }
}
