import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { TriggerPayload } from "@/lib/engine/types";
import { WEBHOOK_METHODS } from "@/lib/engine/nodes/webhook";
import { beginExecution, type StartedExecution } from "@/lib/executions/run-execution";
import { loadWorkflowVersion } from "./load-version";

export const testRunInput = z.object({
  // The webhook node to start from; the workflow's first webhook when absent.
  nodeId: z.string().min(1).max(200).optional(),
  method: z.enum(WEBHOOK_METHODS).optional(),
  body: z.unknown().default({}),
  query: z.record(z.string(), z.string()).default({}),
  // Extra request headers (names are lower-cased, as the webhook route stores them).
  headers: z.record(z.string().min(1).max(200), z.string().max(8192)).default({}),
});

export type TestRunInput = z.infer<typeof testRunInput>;

// A test run is a MANUAL execution of the saved current version with a trigger built from
// the given payload. It skips the webhook's auth check on purpose: the owner is the caller
// (session or API key), so auth-protected webhooks can be tried without their secret, and
// it works while the workflow is inactive.
export async function startTestRun(userId: string, workflowId: string, input: TestRunInput): Promise<StartedExecution> {
  const workflow = await db().workflow.findFirst({
    where: { id: workflowId, userId },
    select: { version: true, triggers: { select: { nodeId: true, path: true, methods: true }, orderBy: { nodeId: "asc" } } },
  });
  if (!workflow) throw new AppError({ code: "not_found", message: "Workflow not found" });
  const trigger = input.nodeId ? workflow.triggers.find((t) => t.nodeId === input.nodeId) : workflow.triggers[0];
  if (!trigger) {
    throw new AppError({ code: "conflict", message: input.nodeId ? `Webhook node "${input.nodeId}" not found` : "This workflow has no webhook trigger" });
  }
  const method = input.method ?? trigger.methods[0] ?? "POST";
  if (!trigger.methods.includes(method)) {
    throw new AppError({ code: "bad_request", message: `Webhook "${trigger.nodeId}" does not accept ${method} (it accepts ${trigger.methods.join(", ")})` });
  }
  const version = await db().workflowVersion.findUniqueOrThrow({
    where: { workflowId_version: { workflowId, version: workflow.version } },
    select: { id: true },
  });
  const payload: TriggerPayload = {
    method,
    path: trigger.path,
    query: input.query,
    headers: { "content-type": "application/json", ...Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v])), "x-hookflow-test": "true" },
    body: input.body,
  };
  return beginExecution({
    userId,
    workflowId,
    workflowVersionId: version.id,
    workflow: await loadWorkflowVersion(version.id),
    triggerNodeId: trigger.nodeId,
    trigger: payload,
    mode: "MANUAL",
  });
}
