import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { TriggerPayload } from "@/lib/engine/types";
import { webhookEnv } from "@/lib/env";
import { assertJsonWithinLimits } from "@/lib/triggers/json-guard";
import { redactor } from "@/lib/triggers/read-trigger-request";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import { beginExecution, beginExecutionOnce, type ExecutionRequest, type StartedExecution } from "./run-execution";

export const rerunVersion = z.enum(["snapshot", "current"]);
export type RerunVersion = z.infer<typeof rerunVersion>;

// Parts of the saved request to replace; a part left out is replayed as it was saved.
const triggerOverrides = z
  .object({
    body: z.unknown(),
    headers: z.record(z.string(), z.string()),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  })
  .partial()
  .strict();

export const rerunInput = z.object({
  // "snapshot": exactly the version the original ran; "current": the workflow as saved now.
  version: rerunVersion.default("snapshot"),
  trigger: triggerOverrides.optional(),
});

export type RerunInput = z.infer<typeof rerunInput>;
type TriggerOverrides = z.infer<typeof triggerOverrides>;

// Headers as a webhook would have stored them: valid names and values (the Headers class
// refuses the rest), lowercased, credentials and signatures redacted.
const storedHeaders = redactor({ type: "none", headerName: null, secret: null });

function headersOf(record: Record<string, string>): Record<string, string> {
  try {
    return storedHeaders.headers(new Headers(record));
  } catch (error) {
    throw new AppError({ code: "bad_request", message: `trigger.headers: ${error instanceof Error ? error.message : String(error)}`, details: { field: "trigger.headers" } });
  }
}

// An edited body is held to a webhook body's limits: its size as JSON, its depth and keys.
function checkedBody(body: unknown): unknown {
  const env = webhookEnv();
  const text = JSON.stringify(body ?? null);
  const bytes = Buffer.byteLength(text);
  if (bytes > env.WEBHOOK_MAX_BODY_BYTES) {
    throw new AppError({ code: "payload_too_large", message: `trigger.body is ${bytes} bytes as JSON; a webhook body may be at most ${env.WEBHOOK_MAX_BODY_BYTES}` });
  }
  assertJsonWithinLimits(text, { maxDepth: env.WEBHOOK_MAX_JSON_DEPTH, maxKeys: env.WEBHOOK_MAX_JSON_KEYS });
  return body ?? null;
}

function applyOverrides(saved: TriggerPayload, overrides: TriggerOverrides | undefined): TriggerPayload {
  if (!overrides) return saved;
  return {
    ...saved,
    ...("body" in overrides ? { body: checkedBody(overrides.body) } : {}),
    ...(overrides.headers ? { headers: headersOf(overrides.headers) } : {}),
    ...(overrides.query ? { query: overrides.query } : {}),
  };
}

/**
 * What a re-run of `originalId` runs: the original's saved trigger request (secrets in it were
 * redacted when it was saved), with `input.trigger` parts replaced, as a new execution linked
 * by retryOf, against the snapshot or the current version.
 */
export async function prepareRerun(userId: string, originalId: string, input: RerunInput): Promise<ExecutionRequest> {
  const original = await db().execution.findFirst({
    where: { id: originalId, userId },
    select: { workflowId: true, workflowVersionId: true, triggerNodeId: true, trigger: true, workflow: { select: { version: true } } },
  });
  if (!original) throw new AppError({ code: "not_found", message: "Execution not found" });

  let versionId = original.workflowVersionId;
  if (input.version === "current") {
    const current = await db().workflowVersion.findUniqueOrThrow({
      where: { workflowId_version: { workflowId: original.workflowId, version: original.workflow.version } },
      select: { id: true },
    });
    versionId = current.id;
  }
  const workflow = await loadWorkflowVersion(versionId);
  if (!workflow.plan.indexById.has(original.triggerNodeId)) {
    throw new AppError({ code: "conflict", message: `The current version has no trigger node "${original.triggerNodeId}"; re-run against the snapshot instead` });
  }
  return {
    userId,
    workflowId: original.workflowId,
    workflowVersionId: versionId,
    workflow,
    triggerNodeId: original.triggerNodeId,
    trigger: applyOverrides(original.trigger as TriggerPayload, input.trigger),
    mode: "RETRY",
    retryOfId: originalId,
  };
}

// A re-run started from the API or the page. The caller runs it.
export async function startRerun(userId: string, originalId: string, input: RerunInput): Promise<StartedExecution> {
  return beginExecution(await prepareRerun(userId, originalId, input));
}

/** The id of the re-run a bulk operation makes of one execution: the same every time it is asked. */
export function bulkRerunId(operationId: string, originalId: string): string {
  const hex = createHash("sha256").update(`hookflow-bulk-rerun:${operationId}:${originalId}`).digest("hex");
  // RFC 9562 version 8 (custom), variant 10.
  const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A bulk operation's re-run of one execution, at most once: null when an earlier try already
 * started it (then it is finished, or resumed from its lease like any run).
 */
export async function startRerunOnce(userId: string, operationId: string, originalId: string, version: RerunVersion): Promise<StartedExecution | null> {
  return beginExecutionOnce(await prepareRerun(userId, originalId, { version }), bulkRerunId(operationId, originalId));
}
