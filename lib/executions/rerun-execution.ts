import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { TriggerPayload } from "@/lib/engine/types";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import { beginExecution, type StartedExecution } from "./run-execution";

export const rerunInput = z.object({
  // "snapshot": exactly the version the original ran; "current": the workflow as saved now.
  version: z.enum(["snapshot", "current"]).default("snapshot"),
});

// A re-run replays the original's saved trigger request (secrets in it were redacted
// when it was saved) as a new execution linked by retryOf. The caller runs it.
export async function startRerun(userId: string, originalId: string, input: z.infer<typeof rerunInput>): Promise<StartedExecution> {
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
  return beginExecution({
    userId,
    workflowId: original.workflowId,
    workflowVersionId: versionId,
    workflow,
    triggerNodeId: original.triggerNodeId,
    trigger: original.trigger as TriggerPayload,
    mode: "RETRY",
    retryOfId: originalId,
  });
}
