import { AppError } from "@/lib/api/errors";
import { storeAnswer } from "@/lib/executions/lifecycle/execution-lifecycle";
import type { ResponseMode } from "@/lib/generated/prisma/client";
import type { RunResult, ValidatedWorkflow } from "@/lib/engine/types";
import { webhookParameters } from "./webhook-limits";
import { serializeJson } from "@/lib/executions/json";
import { headerNameProblem, headerValueProblem, responseHeadersProblem, WEBHOOK_RESPONSE_SECURITY_HEADERS } from "@/lib/engine/response-headers";
import type { RouteHandler } from "@/lib/api/with-route";
import { logger } from "@/lib/logger";

/** The webhook's answer as sent, stored in Execution.response so a duplicate gets the same bytes. */
export type WebhookAnswer = { status: number; headers: Record<string, string>; body: string };

const JSON_TYPE = "application/json";

export function executionHeaders(executionId: string): Record<string, string> {
  return { "x-hookflow-execution-id": executionId };
}

export function acceptedAnswer(executionId: string): WebhookAnswer {
  return { status: 202, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: JSON.stringify({ executionId }) };
}

/** The 202 a caller gets when the node's response deadline passed before the run finished. */
export function deadlineAnswer(executionId: string, statusUrl: string): WebhookAnswer {
  return {
    status: 202,
    headers: { "content-type": JSON_TYPE, location: statusUrl, ...executionHeaders(executionId) },
    body: JSON.stringify({ executionId, statusUrl }),
  };
}

// Computed once per run, before the final write (which stores it when someone will read it).
export function outcomeAnswer(mode: Exclude<ResponseMode, "immediately">, executionId: string, result: RunResult): WebhookAnswer {
  if (result.status === "failed" || result.status === "cancelled") {
    const error = { code: "workflow_failed", message: result.error?.message ?? `Workflow ${result.status}`, executionId };
    return { status: 500, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: JSON.stringify({ error }) };
  }
  if (result.status === "waiting" && !(mode === "respondNode" && result.response)) {
    // Parked in a durable wait: nothing to answer with yet. The run resumes on its own.
    return { status: 202, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: JSON.stringify({ executionId, status: "WAITING" }) };
  }
  if (mode === "respondNode" && result.response) {
    const { status, headers, body } = result.response;
    // The respond node refuses these already; an answer the HTTP layer would refuse must be
    // decided here, before it is recorded, never discovered while sending.
    const problem = statusProblem(status) ?? responseHeadersProblem(headers);
    if (problem) {
      logger.warn("webhook response refused", { executionId, problem });
      const error = { code: "invalid_response", message: `The workflow's response was not sent: ${problem}`, executionId };
      return { status: 500, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: JSON.stringify({ error }) };
    }
    const isText = typeof body === "string";
    return {
      status,
      headers: { "content-type": isText ? "text/plain; charset=utf-8" : JSON_TYPE, ...headers, ...executionHeaders(executionId) },
      // 204, 205 and 304 have no body by definition (a Response with one cannot be built).
      body: NULL_BODY_STATUSES.has(status) ? "" : isText ? body : serializeJson(body ?? null),
    };
  }
  // lastData is never truncated; older engine results only carry the node rows.
  const last = result.lastData !== undefined ? result.lastData : result.nodeResults.at(-1)?.data;
  return { status: 200, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: serializeJson(last ?? null) };
}

/** The run finished but its result is not recorded yet: a 503, never a 2xx for an unrecorded result. */
export function unrecordedError(executionId: string): AppError {
  return new AppError({
    code: "unavailable",
    message: "The run finished but its result could not be recorded yet; retry the delivery",
    details: { executionId },
    headers: { "Retry-After": "5", "x-hookflow-execution-id": executionId },
  });
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function statusProblem(status: number): string | undefined {
  return Number.isInteger(status) && status >= 200 && status <= 599 ? undefined : `status ${status} is not a final HTTP status (200 to 599)`;
}

export function toResponse(answer: WebhookAnswer, extraHeaders: Record<string, string> = {}): Response {
  const status = statusProblem(answer.status) ? 500 : answer.status;
  return new Response(NULL_BODY_STATUSES.has(status) ? null : answer.body, { status, headers: sendableHeaders({ ...answer.headers, ...extraHeaders }) });
}

// Answers stored before the respond node refused these headers are still replayed to duplicates:
// whatever may not be sent is dropped here, the last step before the wire.
function sendableHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
    if (problem) logger.warn("webhook response header dropped", { problem });
    else out[name] = value;
  }
  return out;
}

/**
 * Every response of the webhook route, errors included, leaves with the webhook security headers,
 * set last so that nothing upstream can replace them.
 */
export function withWebhookSecurityHeaders<P>(handler: RouteHandler<P>): RouteHandler<P> {
  return async (request, context) => {
    const response = await handler(request, context);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(WEBHOOK_RESPONSE_SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

// The 202 of an idempotent delivery in immediately mode, stored before the run. Finished
// runs store their answer in the finishing statement instead (completeExecution storeAnswer),
// and only when someone will read it, so the plain hot path keeps its two statements per run.
export async function storeWebhookAnswer(executionId: string, answer: WebhookAnswer): Promise<void> {
  await storeAnswer(executionId, answer);
}

/**
 * For a webhook run resumed by a worker after its status URL was handed out: the answer its
 * response mode gives, computed from the resumed run's result (the status URL then reports it).
 */
export function resumedWebhookAnswer(run: { executionId: string; mode: string; triggerNodeId: string; workflow: ValidatedWorkflow }): ((result: RunResult) => WebhookAnswer) | undefined {
  if (run.mode !== "WEBHOOK") return undefined;
  const mode = webhookParameters(run.workflow, run.triggerNodeId)?.responseMode ?? "lastNode";
  if (mode === "immediately") return undefined;
  return (result) => outcomeAnswer(mode, run.executionId, result);
}
