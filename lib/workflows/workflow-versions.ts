import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { updateWorkflow, createWorkflow } from "./save-workflow";
import { parseWorkflowInput } from "./workflow-input";

// Saved versions are immutable rows, one per save. Restoring one is a save of its definition, so
// history only ever grows and "restore" is itself undoable.

async function ownedWorkflow(userId: string, workflowId: string) {
  const workflow = await db().workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true, name: true, version: true, nodes: true, connections: true, settings: true } });
  if (!workflow) throw new AppError({ code: "not_found", message: "Workflow not found" });
  return workflow;
}

export async function listVersions(userId: string, workflowId: string) {
  await ownedWorkflow(userId, workflowId);
  const rows = await db().workflowVersion.findMany({
    where: { workflowId },
    select: { id: true, version: true, name: true, createdAt: true, _count: { select: { executions: true } } },
    orderBy: { version: "desc" },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, executions: _count.executions }));
}

export async function getVersion(userId: string, workflowId: string, version: number) {
  await ownedWorkflow(userId, workflowId);
  const row = await db().workflowVersion.findUnique({
    where: { workflowId_version: { workflowId, version } },
    select: { id: true, version: true, name: true, createdAt: true, nodes: true, connections: true, settings: true },
  });
  if (!row) throw new AppError({ code: "not_found", message: `Version ${version} not found` });
  return row;
}

/** Saves version `version`'s definition as the newest version; validated like any save. */
export async function restoreVersion(userId: string, workflowId: string, version: number): Promise<void> {
  const { name, nodes, connections, settings } = await getVersion(userId, workflowId, version);
  const { input } = parseWorkflowInput({ name, nodes, connections, settings });
  await updateWorkflow(userId, workflowId, input);
}

/**
 * A new, inactive workflow with the same definition. Webhook paths are unique, so each webhook
 * node of the copy gets its path with a fresh suffix.
 */
export async function duplicateWorkflow(userId: string, workflowId: string): Promise<{ id: string }> {
  const source = await ownedWorkflow(userId, workflowId);
  const suffix = crypto.randomUUID().slice(0, 8);
  const nodes = (source.nodes as { type: string; parameters?: Record<string, unknown> }[]).map((node) =>
    node.type === "webhook" ? { ...node, parameters: { ...node.parameters, path: `${String(node.parameters?.path ?? "copy")}-${suffix}` } } : node,
  );
  const { input } = parseWorkflowInput({ name: `${source.name} (copy)`, nodes, connections: source.connections, settings: source.settings, active: false });
  return createWorkflow(userId, input);
}
