import { beginExecution, completeExecution, type ExecutionOutcome } from "@/lib/executions/run-execution";
import { afterResponse } from "@/lib/api/after-response";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import type { ResponseMode } from "@/lib/generated/prisma/client";
import { readTriggerRequest } from "./read-trigger-request";
import { resolveWebhook } from "./resolve-webhook";

// route → triggers → executions (record) → engine (run) → executions (finish) → realtime.
export async function handleWebhook(request: Request, pathSegments: string[]): Promise<Response> {
  const webhook = await resolveWebhook(pathSegments.join("/"), request.method);
  const trigger = await readTriggerRequest(request, webhook.path);
  const workflow = await loadWorkflowVersion(webhook.workflowVersionId);

  const started = await beginExecution({
    userId: webhook.userId,
    workflowId: webhook.workflowId,
    workflowVersionId: webhook.workflowVersionId,
    workflow,
    triggerNodeId: webhook.nodeId,
    trigger,
    mode: "WEBHOOK",
  });

  if (webhook.responseMode === "immediately") {
    afterResponse(async () => {
      const outcome = await completeExecution(started);
      await outcome.published;
    });
    return Response.json({ executionId: started.id }, { status: 202 });
  }

  const outcome = await completeExecution(started);
  afterResponse(() => outcome.published);
  return webhookResponse(webhook.responseMode, outcome);
}

const HEADERS = (executionId: string) => ({ "x-hookflow-execution-id": executionId });

function webhookResponse(mode: Exclude<ResponseMode, "immediately">, outcome: ExecutionOutcome): Response {
  const { result, executionId } = outcome;
  if (result.status === "failed" || result.status === "cancelled") {
    return Response.json(
      { error: { code: "workflow_failed", message: result.error?.message ?? `Workflow ${result.status}`, executionId } },
      { status: 500, headers: HEADERS(executionId) },
    );
  }
  if (mode === "respondNode" && result.response) {
    const { status, headers, body } = result.response;
    const isText = typeof body === "string";
    return new Response(isText ? body : JSON.stringify(body ?? null), {
      status,
      headers: { "content-type": isText ? "text/plain; charset=utf-8" : "application/json", ...headers, ...HEADERS(executionId) },
    });
  }
  const last = result.nodeResults.at(-1);
  return Response.json(last?.data ?? null, { status: 200, headers: HEADERS(executionId) });
}
