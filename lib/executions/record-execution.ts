import { db } from "@/lib/db";
import type { NodeResult } from "@/lib/engine/types";
import type { ExecutionMode } from "@/lib/generated/prisma/client";
import type { TriggerPayload } from "@/lib/engine/types";
import { toJsonColumn, toJsonValue } from "./json";
import { nodeStatusFromResult, type ExecutionStatus } from "./status";
import { withWriteRetry } from "./with-write-retry";

export type ExecutionStart = {
  id: string;
  userId: string;
  workflowId: string;
  workflowVersionId: string;
  mode: ExecutionMode;
  triggerNodeId: string;
  trigger: TriggerPayload;
  startedAt: Date;
  retryOfId?: string;
};

// Committed before the engine starts: a run that crashes mid-way still has its row.
export async function recordExecutionStart(start: ExecutionStart): Promise<void> {
  await db().execution.create({
    data: {
      id: start.id,
      userId: start.userId,
      workflowId: start.workflowId,
      workflowVersionId: start.workflowVersionId,
      mode: start.mode,
      triggerNodeId: start.triggerNodeId,
      trigger: toJsonValue(start.trigger),
      startedAt: start.startedAt,
      retryOfId: start.retryOfId,
      status: "RUNNING",
      executionPath: [],
    },
    select: { id: true },
  });
}

export function nodeExecutionRow(executionId: string, result: NodeResult) {
  return {
    executionId,
    nodeId: result.nodeId,
    nodeType: result.nodeType,
    runIndex: result.runIndex,
    status: nodeStatusFromResult(result.status),
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    durationMs: result.durationMs,
    input: toJsonColumn(result.input),
    output: toJsonColumn(result.data),
    error: toJsonColumn(result.error),
  };
}

// skipDuplicates keeps a retried write idempotent: (execution, node, runIndex) is unique.
export async function recordNodeExecutions(executionId: string, results: NodeResult[]): Promise<void> {
  if (results.length === 0) return;
  await withWriteRetry("record node executions", () =>
    db().nodeExecution.createMany({ data: results.map((r) => nodeExecutionRow(executionId, r)), skipDuplicates: true }),
  );
}

export type ExecutionFinish = {
  executionId: string;
  status: ExecutionStatus;
  finishedAt: Date;
  durationMs: number;
  executionPath: string[];
  error?: { message: string; failedNodeIds: string[] };
  nodes: NodeResult[];
};

// Node rows and the final status commit together. The update is conditional on the
// row still being RUNNING, so a final status (e.g. CANCELLED) is never overwritten.
// Returns the status actually saved.
export async function recordExecutionFinish(finish: ExecutionFinish): Promise<ExecutionStatus> {
  return withWriteRetry("record execution finish", async () => {
    const [, updated] = await db().$transaction([
      db().nodeExecution.createMany({
        data: finish.nodes.map((r) => nodeExecutionRow(finish.executionId, r)),
        skipDuplicates: true,
      }),
      db().execution.updateMany({
        where: { id: finish.executionId, status: "RUNNING" },
        data: {
          status: finish.status,
          finishedAt: finish.finishedAt,
          durationMs: finish.durationMs,
          executionPath: finish.executionPath,
          error: toJsonColumn(finish.error),
        },
      }),
    ]);
    if (updated.count === 1) return finish.status;
    const current = await db().execution.findUnique({ where: { id: finish.executionId }, select: { status: true } });
    return current?.status ?? finish.status;
  });
}
