import { preparedQuery } from "@/lib/db";
import type { ResponseMode } from "@/lib/generated/prisma/client";
import type { ExecutionOutcome } from "@/lib/executions/run-execution";
import { serializeJson } from "@/lib/executions/json";

/** The webhook's answer as sent, stored in Execution.response so a duplicate gets the same bytes. */
export type WebhookAnswer = { status: number; headers: Record<string, string>; body: string };

const JSON_TYPE = "application/json";

export function executionHeaders(executionId: string): Record<string, string> {
  return { "x-hookflow-execution-id": executionId };
}

export function acceptedAnswer(executionId: string): WebhookAnswer {
  return { status: 202, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: JSON.stringify({ executionId }) };
}

export function outcomeAnswer(mode: Exclude<ResponseMode, "immediately">, outcome: ExecutionOutcome): WebhookAnswer {
  const { result, executionId } = outcome;
  if (result.status === "failed" || result.status === "cancelled") {
    const error = { code: "workflow_failed", message: result.error?.message ?? `Workflow ${result.status}`, executionId };
    return { status: 500, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: JSON.stringify({ error }) };
  }
  if (mode === "respondNode" && result.response) {
    const { status, headers, body } = result.response;
    const isText = typeof body === "string";
    return {
      status,
      headers: { "content-type": isText ? "text/plain; charset=utf-8" : JSON_TYPE, ...headers, ...executionHeaders(executionId) },
      body: isText ? body : serializeJson(body ?? null),
    };
  }
  // lastData is never truncated; older engine results only carry the node rows.
  const last = result.lastData !== undefined ? result.lastData : result.nodeResults.at(-1)?.data;
  return { status: 200, headers: { "content-type": JSON_TYPE, ...executionHeaders(executionId) }, body: serializeJson(last ?? null) };
}

export function toResponse(answer: WebhookAnswer, extraHeaders: Record<string, string> = {}): Response {
  return new Response(answer.body, { status: answer.status, headers: { ...answer.headers, ...extraHeaders } });
}

// Written only for deliveries with an idempotency key (the only readers today), so the
// plain hot path keeps its two statements per run. It lives here rather than in
// lib/executions because only the webhook route produces answers.
export async function storeWebhookAnswer(executionId: string, answer: WebhookAnswer): Promise<void> {
  await preparedQuery("hookflow_store_webhook_answer", `UPDATE "Execution" SET "response" = $2::jsonb WHERE "id" = $1::uuid`, [executionId, serializeJson(answer)]);
}
