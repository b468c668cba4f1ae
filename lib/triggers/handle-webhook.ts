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
import { resolveWebhook, webhookPathFromSegments, type FoundWebhook, type ResolvedWebhook } from "./resolve-webhook";
import { verifyWebhookAuth } from "./verify-signature";
import { withinDeadline } from "./response-deadline";
import { acceptedAnswer, deadlineAnswer, outcomeAnswer, storeWebhookAnswer, toResponse, unrecordedError } from "./webhook-answer";
import { randomUUID } from "node:crypto";
import { appErrorAnswer } from "@/lib/api/handle-api-error";
import { isDraining } from "@/lib/executions/in-flight";
import { recordSentResponse } from "@/lib/executions/lifecycle/execution-lifecycle";
import type { SentResponse } from "@/lib/executions/sent-response";
import { bodySample } from "@/lib/deliveries/refusal-buffer";
import { noteRefusal } from "@/lib/deliveries/refusal-log";
import { refusalOf } from "@/lib/deliveries/refusal-reason";
import { redactHeaders } from "./redact-headers";
import { redactor } from "./read-trigger-request";
import { sentResponse } from "./sender-response";
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

/** What is known of a request so far: whom its refusal belongs to, and what to sample of it. */
type Seen = { found?: FoundWebhook; bytes?: Uint8Array; accepted?: boolean };

// route → triggers → executions (record) → engine (run) → executions (finish) → realtime.
// Every refusal (503 draining, 404/405/413/401/429/400/409) happens before a run is written;
// each is counted and sampled in the delivery log (lib/deliveries/refusal-log.ts), in memory,
// flushed about once a second, so refusals cost accepted webhooks nothing.
export async function handleWebhook(request: Request, pathSegments: string[]): Promise<Response> {
  const receivedAt = performance.now();
  const seen: Seen = {};
  try {
    // A server that is shutting down takes no new runs; the sender retries (elsewhere).
    if (isDraining()) {
      throw new AppError({ code: "unavailable", message: "Server is shutting down; retry", details: { reason: "draining" }, headers: { "Retry-After": "2", Connection: "close" } });
    }
    return await acceptWebhook(request, pathSegments, receivedAt, seen);
  } catch (error) {
    if (!seen.accepted) logRefusal(request, pathSegments, seen, error);
    throw error;
  }
}

function logRefusal(request: Request, pathSegments: string[], seen: Seen, error: unknown): void {
  try {
    const refusal = refusalOf(error, seen.found !== undefined);
    if (!refusal) return;
    // Draining refuses before the lookup: the flush finds the path's workflow, once per key.
    const path = seen.found?.path ?? (refusal.reason === "draining" ? (webhookPathFromSegments(pathSegments) ?? null) : null);
    const key = { workflowId: seen.found?.workflowId ?? null, path, status: refusal.status, reason: refusal.reason };
    noteRefusal(key, () => {
      const declared = Number(request.headers.get("content-length") ?? Number.NaN);
      return {
        id: randomUUID(),
        method: request.method,
        message: refusal.message,
        receivedAt: new Date().toISOString(),
        bodyBytes: seen.bytes?.byteLength ?? (Number.isSafeInteger(declared) && declared >= 0 && declared <= 2 ** 31 - 1 ? declared : null),
        headers: seen.found ? redactor(seen.found.auth).headers(request.headers) : redactHeaders(request.headers),
        ...bodySample(seen.bytes),
      };
    });
  } catch (logError) {
    logger.warn("could not note a refused webhook request", { error: logError });
  }
}

async function acceptWebhook(request: Request, pathSegments: string[], receivedAt: number, seen: Seen): Promise<Response> {
  const env = webhookEnv();
  const webhook = await resolveWebhook(pathSegments, request.method, (found) => (seen.found = found));
  const bytes = await readBodyLimited(request, env.WEBHOOK_MAX_BODY_BYTES);
  seen.bytes = bytes;
  const { replayKey } = verifyWebhookAuth(webhook.auth, request.headers, bytes);
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
  // A signed request is accepted once: replaying its signature inside the 5-minute window is
  // refused, with or without an Idempotency-Key (a new key does not make an old signature new).
  // A retry with the same bytes and the same Idempotency-Key gets the first delivery's answer.
  if (explicitKey !== undefined) return runOnce(call, `key:${explicitKey}`, env.WEBHOOK_IDEMPOTENCY_WAIT_MS, seen, replayKey);
  if (replayKey !== undefined) return run(call, [await claimSignature(call, replayKey)], seen);
  return run(call, [], seen);
}

const scopeOf = (webhook: ResolvedWebhook) => ({ workflowId: webhook.workflowId, nodeId: webhook.nodeId });

async function runOnce(call: WebhookCall, key: string, waitMs: number, seen: Seen, replayKey: string | undefined): Promise<Response> {
  const claim = await claimDelivery(scopeOf(call.webhook), key);
  if (claim) return runClaimed(call, claim, replayKey, seen);
  const first = await awaitFirstDelivery(scopeOf(call.webhook), key, waitMs);
  switch (first.kind) {
    case "owner":
      return runClaimed(call, first.claim, replayKey, seen);
    case "answer":
      return toResponse(first.answer, { "idempotent-replayed": "true" });
    case "pending":
      if (first.executionId) return toResponse(acceptedAnswer(first.executionId), { "idempotent-replayed": "true" });
      throw new AppError({
        code: "conflict",
        message: "A delivery with this idempotency key is still being accepted; retry shortly",
        details: { reason: "idempotency_pending" },
        headers: { "Retry-After": "1" },
      });
  }
}

// The owner of a new idempotency key still has to own its signature.
async function runClaimed(call: WebhookCall, claim: Claim, replayKey: string | undefined, seen: Seen): Promise<Response> {
  if (replayKey === undefined) return run(call, [claim], seen);
  let signature: Claim;
  try {
    signature = await claimSignature(call, replayKey);
  } catch (error) {
    await releaseClaim(claim);
    throw error;
  }
  return run(call, [claim, signature], seen);
}

// The claim row lives for the idempotency window (24 h), longer than a timestamp is accepted (5 min).
async function claimSignature(call: WebhookCall, replayKey: string): Promise<Claim> {
  const claim = await claimDelivery(scopeOf(call.webhook), replayKey);
  if (!claim) throw new AppError({ code: "conflict", message: "This signature was already used; sign each delivery anew", details: { reason: "signature_replay" } });
  return claim;
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

async function run(call: WebhookCall, claims: Claim[], seen: Seen): Promise<Response> {
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
      // Answered as soon as the row commits: the START statement records the 202.
      ...(webhook.responseMode === "immediately" ? { sentAtStart: (id: string) => sentResponse(acceptedAnswer(id), call.receivedAt) } : {}),
    });
  } catch (error) {
    // Nothing was recorded (database down, concurrency limit): give the key back so the
    // sender's retry is not mistaken for a duplicate.
    for (const claim of claims) await releaseClaim(claim);
    throw error;
  }
  // From here on the delivery is an execution, not a refusal.
  seen.accepted = true;

  const attach = (c: Claim) =>
    bookkeeping("idempotency attach", started.id, async () => {
      if (!(await attachExecution(c, started.id))) logger.warn("idempotency claim was taken over before the execution was attached", { executionId: started.id });
    });

  if (webhook.responseMode === "immediately") {
    const answer = acceptedAnswer(started.id);
    // Answer first, then attach: a duplicate that sees the execution finds its answer too.
    if (claims.length > 0) {
      await bookkeeping("answer store", started.id, () => storeWebhookAnswer(started.id, answer));
      for (const claim of claims) await attach(claim);
    }
    afterResponse(async () => {
      const outcome = await completeExecution(started);
      await outcome.published;
    });
    return toResponse(answer);
  }

  // Attached first so duplicates know which execution they wait for.
  for (const claim of claims) await attach(claim);
  const mode = webhook.responseMode;
  // What the sender gets is decided once, when the statement that ends the run is built, and
  // rides in it: the run's answer, or the deadline's 202 if the deadline passed first. If the
  // write fails and is retried in the background, the sender is told 503, and that is stored.
  let deadlineSent: SentResponse | undefined;
  let carriedRunAnswer = false;
  // The answer is computed once; it is stored with the final status only when someone will
  // read it (idempotent duplicates, the status URL), so plain runs keep two statements.
  const completion = completeExecution(started, {
    answer: (result) => outcomeAnswer(mode, started.id, result),
    storeAnswer: claims.length > 0 || statusToken !== undefined,
    sentResponse: (answer, when) => {
      if (deadlineSent) return deadlineSent;
      if (when === "unrecorded") return sentResponse(appErrorAnswer(unrecordedError(started.id)), call.receivedAt);
      carriedRunAnswer = true;
      return answer ? sentResponse(answer, call.receivedAt) : undefined;
    },
  });
  const outcome =
    statusToken && limits.responseDeadlineMs !== undefined ? await withinDeadline(completion, call.receivedAt + limits.responseDeadlineMs) : await completion;
  if (!outcome && statusToken) {
    // Past the deadline: the run goes on after the response; the status URL reports it.
    const answer = deadlineAnswer(started.id, `${call.baseUrl.replace(/\/+$/, "")}${statusPath(started.id, statusToken.token)}`);
    const sent = sentResponse(answer, call.receivedAt);
    deadlineSent = sent;
    // Rare: the final statement had already left with the run's answer; once it is committed,
    // the record is corrected to the 202 the sender got (one statement, only in this race).
    const correct = carriedRunAnswer;
    afterResponse(async () => {
      const done = await completion;
      if (correct && done.recorded) await bookkeeping("sent response correction", started.id, () => recordSentResponse(started.id, sent));
      await done.published;
    });
    return toResponse(answer);
  }
  const finished = outcome ?? (await completion);
  afterResponse(() => finished.published);
  // The run finished, but its result is not in the database yet (it is still being retried).
  // A 2xx promises a recorded result, so the sender is told to retry instead.
  if (!finished.recorded) throw unrecordedError(started.id);
  return toResponse(finished.answer ?? outcomeAnswer(mode, started.id, finished.result));
}
