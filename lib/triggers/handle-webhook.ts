import { beginExecution, completeExecution } from "@/lib/executions/run-execution";
import { afterResponse } from "@/lib/api/after-response";
import { AppError } from "@/lib/api/errors";
import { webhookEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { newStatusToken, statusPath } from "@/lib/executions/execution-status-token";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";
import type { TriggerPayload, ValidatedWorkflow } from "@/lib/engine/types";
import { attachExecution, awaitFirstDelivery, claimDelivery, idempotencyKeyOf, releaseClaim, type Claim } from "./idempotency";
import { enforceRateLimit } from "./rate-limit";
import { readBodyLimited } from "./read-body";
import { readTriggerRequest } from "./read-trigger-request";
import { resolveWebhook, type ResolvedWebhook } from "./resolve-webhook";
import { HOOKFLOW_SIGNATURE_HEADER, verifyWebhookAuth } from "./verify-signature";
import { withinDeadline } from "./response-deadline";
import { acceptedAnswer, deadlineAnswer, outcomeAnswer, storeWebhookAnswer, toResponse } from "./webhook-answer";
import { webhookLimits, type WebhookLimits } from "./webhook-limits";

/** One accepted webhook call, everything known before a row is written. */
type WebhookCall = {
  webhook: ResolvedWebhook;
  workflow: ValidatedWorkflow;
  trigger: TriggerPayload;
  limits: WebhookLimits;
  /** performance.now() when the request arrived: the response deadline counts from here. */
  receivedAt: number;
  baseUrl: string;
};

// route → triggers → executions (record) → engine (run) → executions (finish) → realtime.
// Every refusal (404/405/413/401/429/400) happens before anything is written.
export async function handleWebhook(request: Request, pathSegments: string[]): Promise<Response> {
  const receivedAt = performance.now();
  const env = webhookEnv();
  const webhook = await resolveWebhook(pathSegments, request.method);
  const bytes = await readBodyLimited(request, env.WEBHOOK_MAX_BODY_BYTES);
  verifyWebhookAuth(webhook.auth, request.headers, bytes);
  // Versions are cached by id, so the limits cost no query; a limited path costs one statement.
  const workflow = await loadWorkflowVersion(webhook.workflowVersionId);
  const limits = webhookLimits(workflow, webhook.nodeId);
  // Counted after authentication, so a caller without the secret cannot use up a sender's
  // quota, and before parsing, so a refused flood costs no parse.
  if (limits.rate) await enforceRateLimit(webhook.path, limits.rate);
  const trigger = await readTriggerRequest(request, webhook, bytes, {
    maxDepth: env.WEBHOOK_MAX_JSON_DEPTH,
    maxKeys: env.WEBHOOK_MAX_JSON_KEYS,
    maxFileBytes: env.WEBHOOK_MAX_FILE_BYTES,
  });
  const call: WebhookCall = { webhook, workflow, trigger, limits, receivedAt, baseUrl: publicBaseUrl(request) };

  const explicitKey = idempotencyKeyOf(request.headers, webhook.idempotency, trigger.body);
  if (explicitKey !== undefined) return runOnce(call, `key:${explicitKey}`, env.WEBHOOK_IDEMPOTENCY_WAIT_MS);
  // A signed request is accepted once: replaying it inside the 5-minute window is refused.
  // (Senders that retry with the same bytes should send an Idempotency-Key instead.)
  if (webhook.auth.type === "hmac") return runSignedOnce(call, request.headers.get(HOOKFLOW_SIGNATURE_HEADER) ?? "");
  return run(call, undefined);
}

const scopeOf = (webhook: ResolvedWebhook) => ({ workflowId: webhook.workflowId, nodeId: webhook.nodeId });

async function runOnce(call: WebhookCall, key: string, waitMs: number): Promise<Response> {
  const claim = await claimDelivery(scopeOf(call.webhook), key);
  if (claim) return run(call, claim);
  const first = await awaitFirstDelivery(scopeOf(call.webhook), key, waitMs);
  switch (first.kind) {
    case "owner":
      return run(call, first.claim);
    case "answer":
      return toResponse(first.answer, { "idempotent-replayed": "true" });
    case "pending":
      if (first.executionId) return toResponse(acceptedAnswer(first.executionId), { "idempotent-replayed": "true" });
      throw new AppError({ code: "conflict", message: "A delivery with this idempotency key is still being accepted; retry shortly", headers: { "Retry-After": "1" } });
  }
}

async function runSignedOnce(call: WebhookCall, signature: string): Promise<Response> {
  const claim = await claimDelivery(scopeOf(call.webhook), `signature:${signature}`);
  if (!claim) throw new AppError({ code: "conflict", message: "This signature was already used; sign each delivery anew" });
  return run(call, claim);
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

async function run(call: WebhookCall, claim: Claim | undefined): Promise<Response> {
  const { webhook, limits } = call;
  const statusToken = limits.responseDeadlineMs !== undefined ? newStatusToken() : undefined;
  let started: Awaited<ReturnType<typeof beginExecution>>;
  try {
    started = await beginExecution({
      userId: webhook.userId,
      workflowId: webhook.workflowId,
      workflowVersionId: webhook.workflowVersionId,
      workflow: call.workflow,
      triggerNodeId: webhook.nodeId,
      trigger: call.trigger,
      mode: "WEBHOOK",
      statusTokenHash: statusToken?.hash,
      maxConcurrency: limits.maxConcurrency,
    });
  } catch (error) {
    // Nothing was recorded (database down, concurrency limit): give the key back so the
    // sender's retry is not mistaken for a duplicate.
    if (claim) await releaseClaim(claim);
    throw error;
  }

  const attach = (c: Claim) =>
    bookkeeping("idempotency attach", started.id, async () => {
      if (!(await attachExecution(c, started.id))) logger.warn("idempotency claim was taken over before the execution was attached", { executionId: started.id });
    });

  if (webhook.responseMode === "immediately") {
    const answer = acceptedAnswer(started.id);
    // Answer first, then attach: a duplicate that sees the execution finds its answer too.
    if (claim) {
      await bookkeeping("answer store", started.id, () => storeWebhookAnswer(started.id, answer));
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
  const mode = webhook.responseMode;
  // The answer is computed once; it is stored with the final status only when someone will
  // read it (idempotent duplicates, the status URL), so plain runs keep two statements.
  const completion = completeExecution(started, {
    answer: (result) => outcomeAnswer(mode, started.id, result),
    storeAnswer: claim !== undefined || statusToken !== undefined,
  });
  const outcome =
    statusToken && limits.responseDeadlineMs !== undefined ? await withinDeadline(completion, call.receivedAt + limits.responseDeadlineMs) : await completion;
  if (!outcome && statusToken) {
    // Past the deadline: the run goes on after the response; the status URL reports it.
    afterResponse(async () => (await completion).published);
    return toResponse(deadlineAnswer(started.id, `${call.baseUrl.replace(/\/+$/, "")}${statusPath(started.id, statusToken.token)}`));
  }
  const finished = outcome ?? (await completion);
  afterResponse(() => finished.published);
  if (!finished.recorded) {
    // The run finished, but its result is not in the database yet (it is still being retried).
    // A 2xx promises a recorded result, so the sender is told to retry instead.
    throw new AppError({
      code: "unavailable",
      message: "The run finished but its result could not be recorded yet; retry the delivery",
      details: { executionId: started.id },
      headers: { "Retry-After": "5", "x-hookflow-execution-id": started.id },
    });
  }
  return toResponse(finished.answer ?? outcomeAnswer(mode, started.id, finished.result));
}
