import type { CompletedNode, ResumeState, RunResult, ValidatedWorkflow } from "@/lib/engine/types";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import { trackRun } from "./in-flight";
import { claimExecution, type SavedNode } from "./lifecycle/execution-lifecycle";
import { completeExecution, type ExecutionOutcome } from "./run-execution";

/**
 * What earlier attempts left, for the engine: nodes saved SUCCEEDED/FAILED are not run again
 * (unless their stored output was truncated: the real value is gone, so the node runs again),
 * and a WAITING wait node continues its wait.
 */
export function resumeStateFrom(nodes: readonly SavedNode[]): ResumeState {
  const completed = new Map<string, CompletedNode>();
  let waiting: ResumeState["waiting"];
  for (const n of nodes) {
    if (n.status === "WAITING") waiting = { nodeId: n.nodeId, startedAt: new Date(n.startedAt) };
    else if (!n.outputTruncated) completed.set(n.nodeId, { status: n.status === "SUCCEEDED" ? "succeeded" : "failed", output: n.outputName ?? "main", data: n.output });
  }
  return waiting ? { completed, waiting } : { completed };
}

/**
 * Resumes a run that needs a runner (its runner died, or its durable wait is over) in this
 * process: claim it (a new attempt; the old runner is fenced out), then continue after the
 * last committed node. Null when there was nothing to do (already finished, claimed elsewhere,
 * or given up).
 */
/** The answer a resumed webhook run stores for its status URL, made by the caller (the trigger layer). */
export type ResumedAnswer = (run: { executionId: string; mode: string; triggerNodeId: string; workflow: ValidatedWorkflow }) => ((result: RunResult) => unknown) | undefined;

export async function resumeExecution(executionId: string, answerFor?: ResumedAnswer): Promise<ExecutionOutcome | null> {
  const claim = await claimExecution(executionId);
  if (claim?.kind !== "claimed") return null;
  const { run: row, nodes } = claim;
  const run = { executionId: row.id, userId: row.userId, attempt: row.attempt };
  const untrack = trackRun(run);
  try {
    const workflow = await loadWorkflowVersion(row.workflowVersionId);
    const resume = resumeStateFrom(nodes);
    // The deadline's 202 promised the poller this run's answer: it is stored with the final status.
    const answer = row.answerOwed ? answerFor?.({ executionId: row.id, mode: row.mode, triggerNodeId: row.triggerNodeId, workflow }) : undefined;
    const outcome = await completeExecution({
      run,
      workflow,
      triggerNodeId: row.triggerNodeId,
      trigger: row.trigger,
      startedAt: new Date(row.startedAt),
      resume,
      // The saved path minus nodes that will run again (a truncated output): the engine skips the rest.
      pathSoFar: row.executionPath.filter((id) => resume.completed.has(id)),
      published: Promise.resolve(),
      untrack,
    }, answer ? { answer, storeAnswer: true } : {});
    await outcome.published;
    return outcome;
  } catch (error) {
    untrack();
    throw error;
  }
}
