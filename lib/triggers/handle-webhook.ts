import { beginExecution, completeExecution } from "@/lib/executions/run-execution";
import { afterResponse } from "@/lib/api/after-response";
import { AppError } from "@/lib/api/errors";
import { webhookEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import type { TriggerPayload } from "@/lib/engine/types";
import { attachExecution, awaitFirstDelivery, claimDelivery, idempotencyKeyOf, releaseClaim, type Claim } from "./idempotency";
import { readBodyLimited } from "./read-body";
import { readTriggerRequest } from "./read-trigger-request";
import { resolveWebhook, type ResolvedWebhook } from "./resolve-webhook";
import { HOOKFLOW_SIGNATURE_HEADER, verifyWebhookAuth } from "./verify-signature";
import { acceptedAnswer, outcomeAnswer, storeWebhookAnswer, toResponse, type WebhookAnswer } from "./webhook-answer";

// route → triggers → executions (record) → engine (run) → executions (finish) → realtime.
// Every refusal (404/405/413/401/400) happens before anything is written.
export async function handleWebhook(request: Request, pathSegments: string[]): Promise<Response> {
  const env = webhookEnv();
  const webhook = await resolveWebhook(pathSegments, request.method);
  const bytes = await readBodyLimited(request, env.WEBHOOK_MAX_BODY_BYTES);
  verifyWebhookAuth(webhook.auth, request.headers, bytes);
  const trigger = await readTriggerRequest(request, webhook, bytes, {
    maxDepth: env.WEBHOOK_MAX_JSON_DEPTH,
    maxKeys: env.WEBHOOK_MAX_JSON_KEYS,
    maxFileBytes: env.WEBHOOK_MAX_FILE_BYTES,
  });

  const explicitKey = idempotencyKeyOf(request.headers, webhook.idempotency, trigger.body);
  if (explicitKey !== undefined) return runOnce(webhook, trigger, `key:${explicitKey}`, env.WEBHOOK_IDEMPOTENCY_WAIT_MS);
  // A signed request is accepted once: replaying it inside the 5-minute window is refused.
  // (Senders that retry with the same bytes should send an Idempotency-Key instead.)
  if (webhook.auth.type === "hmac") return runSignedOnce(webhook, trigger, request.headers.get(HOOKFLOW_SIGNATURE_HEADER) ?? "");
  return run(webhook, trigger, undefined);
}

const scopeOf = (webhook: ResolvedWebhook) => ({ workflowId: webhook.workflowId, nodeId: webhook.nodeId });

async function runOnce(webhook: ResolvedWebhook, trigger: TriggerPayload, key: string, waitMs: number): Promise<Response> {
  const claim = await claimDelivery(scopeOf(webhook), key);
  if (claim) return run(webhook, trigger, claim);
  const first = await awaitFirstDelivery(scopeOf(webhook), key, waitMs);
  switch (first.kind) {
    case "owner":
      return run(webhook, trigger, first.claim);
    case "answer":
      return toResponse(first.answer, { "idempotent-replayed": "true" });
    case "pending":
      if (first.executionId) return toResponse(acceptedAnswer(first.executionId), { "idempotent-replayed": "true" });
      throw new AppError({ code: "conflict", message: "A delivery with this idempotency key is still being accepted; retry shortly", headers: { "Retry-After": "1" } });
  }
}

async function runSignedOnce(webhook: ResolvedWebhook, trigger: TriggerPayload, signature: string): Promise<Response> {
  const claim = await claimDelivery(scopeOf(webhook), `signature:${signature}`);
  if (!claim) throw new AppError({ code: "conflict", message: "This signature was already used; sign each delivery anew" });
  return run(webhook, trigger, claim);
}

// Bookkeeping after the execution row is committed: the run itself is already recorded, so
// a failure here is logged and the answer still goes out (the next duplicate may then wait).
async function bookkeeping(what: string, executionId: string, task: () => Promise<unknown>): Promise<void> {
  try {
    await task();
  } catch (error) {
    logger.error(`webhook ${what} failed`, { executionId, error });
  }
}

async function run(webhook: ResolvedWebhook, trigger: TriggerPayload, claim: Claim | undefined): Promise<Response> {
  let started: Awaited<ReturnType<typeof beginExecution>>;
  try {
    const workflow = await loadWorkflowVersion(webhook.workflowVersionId);
    started = await beginExecution({
      userId: webhook.userId,
      workflowId: webhook.workflowId,
      workflowVersionId: webhook.workflowVersionId,
      workflow,
      triggerNodeId: webhook.nodeId,
      trigger,
      mode: "WEBHOOK",
    });
  } catch (error) {
    // Nothing was recorded: give the key back so the sender's retry is not mistaken for a duplicate.
    if (claim) await releaseClaim(claim);
    throw error;
  }

  const attach = (c: Claim) =>
    bookkeeping("idempotency attach", started.id, async () => {
      if (!(await attachExecution(c, started.id))) logger.warn("idempotency claim was taken over before the execution was attached", { executionId: started.id });
    });
  const store = (answer: WebhookAnswer) => bookkeeping("answer store", started.id, () => storeWebhookAnswer(started.id, answer));

  if (webhook.responseMode === "immediately") {
    const answer = acceptedAnswer(started.id);
    // Answer first, then attach: a duplicate that sees the execution finds its answer too.
    if (claim) {
      await store(answer);
      await attach(claim);
    }
    afterResponse(async () => {
      const outcome = await completeExecution(started);
      await outcome.published;
    });
    return toResponse(answer);
  }

  // Attached first so duplicates know which execution they wait for.
  if (claim) await attach(claim);
  const outcome = await completeExecution(started);
  afterResponse(() => outcome.published);
  const answer = outcomeAnswer(webhook.responseMode, outcome);
  if (claim) await store(answer);
  return toResponse(answer);
}
