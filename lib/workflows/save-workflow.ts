import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WorkflowNode } from "@/lib/engine/types";
import { syncTriggers } from "@/lib/triggers/sync-triggers";
import type { WorkflowInput } from "./workflow-input";

type Tx = Prisma.TransactionClient;

// Workflow row, its immutable version and its webhook rows change in one transaction.
async function writeVersionAndTriggers(tx: Tx, workflow: { id: string; userId: string; active: boolean; version: number; name: string; nodes: unknown; connections: unknown; settings: unknown }) {
  const version = await tx.workflowVersion.create({
    data: {
      workflowId: workflow.id,
      version: workflow.version,
      name: workflow.name,
      nodes: workflow.nodes as Prisma.InputJsonValue,
      connections: workflow.connections as Prisma.InputJsonValue,
      settings: workflow.settings as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  await syncTriggers(tx, { id: workflow.id, userId: workflow.userId, active: workflow.active, versionId: version.id, nodes: workflow.nodes as WorkflowNode[] });
}

export async function createWorkflow(userId: string, input: WorkflowInput): Promise<{ id: string }> {
  return db().$transaction(async (tx) => {
    const workflow = await tx.workflow.create({
      data: {
        userId,
        name: input.name,
        active: input.active ?? false,
        nodes: input.nodes as Prisma.InputJsonValue,
        connections: input.connections as Prisma.InputJsonValue,
        settings: input.settings as Prisma.InputJsonValue,
      },
    });
    await writeVersionAndTriggers(tx, workflow);
    return { id: workflow.id };
  });
}

/** Archived workflows keep their history but take no new versions or activation. */
async function assertEditable(tx: Tx, userId: string, id: string): Promise<void> {
  const row = await tx.workflow.findFirst({ where: { id, userId }, select: { archivedAt: true } });
  if (!row) throw new AppError({ code: "not_found", message: "Workflow not found" });
  if (row.archivedAt) throw new AppError({ code: "conflict", message: "Workflow is archived" });
}

export async function updateWorkflow(userId: string, id: string, input: WorkflowInput): Promise<void> {
  await db().$transaction(async (tx) => {
    await assertEditable(tx, userId, id);
    const { count } = await tx.workflow.updateMany({
      where: { id, userId, archivedAt: null },
      data: {
        name: input.name,
        ...(input.active === undefined ? {} : { active: input.active }),
        nodes: input.nodes as Prisma.InputJsonValue,
        connections: input.connections as Prisma.InputJsonValue,
        settings: input.settings as Prisma.InputJsonValue,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError({ code: "not_found", message: "Workflow not found" });
    const workflow = await tx.workflow.findUniqueOrThrow({ where: { id } });
    await writeVersionAndTriggers(tx, workflow);
  });
}

export async function setWorkflowActive(userId: string, id: string, active: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    await assertEditable(tx, userId, id);
    const { count } = await tx.workflow.updateMany({ where: { id, userId, archivedAt: null }, data: { active } });
    if (count === 0) throw new AppError({ code: "not_found", message: "Workflow not found" });
    await tx.webhookTrigger.updateMany({ where: { workflowId: id }, data: { active } });
  });
}

// Deleting archives: the run history is the product, so executions and versions stay readable
// (retention removes them later like any other). The webhook rows go, so their paths are free
// for another workflow at once; archiving twice is a no-op.
export async function archiveWorkflow(userId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.workflow.findFirst({ where: { id, userId }, select: { archivedAt: true } });
    if (!row) throw new AppError({ code: "not_found", message: "Workflow not found" });
    if (row.archivedAt) return;
    await tx.workflow.update({ where: { id }, data: { archivedAt: new Date(), active: false } });
    await tx.webhookTrigger.deleteMany({ where: { workflowId: id } });
  });
}
