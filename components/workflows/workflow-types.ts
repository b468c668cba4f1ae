// Wire shapes of the workflow endpoints this screen reads (dates are ISO strings).
import type { WorkflowSummary } from "@/components/data/api-types";
import type { WorkflowStats } from "@/lib/workflows/workflow-stats";

export type { WorkflowStats };

export type DefinitionNode = { id: string; type: string; name?: string; parameters: Record<string, unknown>; settings?: Record<string, unknown>; position?: { x: number; y: number } };
export type DefinitionConnection = { from: string; to: string; output?: string };

export type WorkflowDetail = WorkflowSummary & {
  nodes: DefinitionNode[];
  connections: DefinitionConnection[];
  settings: Record<string, unknown> | null;
};

export type WebhookAuthType = "none" | "header" | "hmac" | "github";

export type WebhookSecret = { nodeId: string; authType: WebhookAuthType; headerName: string | null; secret: string; rotatedAt: string | null };

export type TestRunResponse = { executionId: string };
