import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { webhookBaseUrl, webhookUrl } from "./webhook-url";

const triggerSelect = { nodeId: true, path: true, methods: true, responseMode: true, active: true } as const;

const workflowSummarySelect = {
  id: true,
  name: true,
  active: true,
  version: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  triggers: { select: triggerSelect, orderBy: { nodeId: "asc" } },
} as const;

type TriggerRow = { nodeId: string; path: string; methods: string[]; responseMode: string; active: boolean };

function withUrls<T extends { triggers: TriggerRow[] }>(workflow: T, baseUrl: string) {
  const { triggers, ...rest } = workflow;
  const base = webhookBaseUrl(baseUrl);
  return { ...rest, webhooks: triggers.map((t) => ({ ...t, url: webhookUrl(base, t.path) })) };
}

export const listWorkflowsQuery = z.object({
  // Archived (deleted) workflows are listed only when asked for, and then only they.
  archived: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export async function listWorkflows(userId: string, baseUrl: string, { archived }: z.output<typeof listWorkflowsQuery> = { archived: false }) {
  const rows = await db().workflow.findMany({
    where: { userId, archivedAt: archived ? { not: null } : null },
    select: workflowSummarySelect,
    orderBy: { updatedAt: "desc" },
  });
  return rows.map((w) => withUrls(w, baseUrl));
}

export async function getWorkflow(userId: string, id: string, baseUrl: string) {
  const row = await db().workflow.findFirst({
    where: { id, userId },
    select: { ...workflowSummarySelect, nodes: true, connections: true, settings: true },
  });
  if (!row) throw new AppError({ code: "not_found", message: "Workflow not found" });
  return withUrls(row, baseUrl);
}
