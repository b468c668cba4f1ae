// Wire shapes of the API responses, as JSON (dates are ISO strings).
// The list item type is the server's own; the others mirror lib/* query results.
import type { ExecutionStatus, NodeStatus } from "@/lib/executions/status";
import type { ExecutionListItem } from "@/lib/executions/execution-queries";

export type { ExecutionListItem };

export type ExecutionPage = { items: ExecutionListItem[]; nextCursor: string | null };

export type TriggerRequest = {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
};

export type NodeRun = {
  id: string;
  nodeId: string;
  nodeType: string;
  runIndex: number;
  status: NodeStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  input: unknown;
  output: unknown;
  error: { message?: string; name?: string; stack?: string } | null;
};

export type ExecutionDetail = {
  id: string;
  workflowId: string;
  workflowName: string;
  status: ExecutionStatus;
  mode: string;
  retryOfId: string | null;
  triggerNodeId: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  trigger: TriggerRequest | null;
  error: { message: string; failedNodeIds?: string[] } | null;
  executionPath: string[];
  snapshot: { version: number; name: string } | null;
  nodes: NodeRun[];
};

export type Webhook = {
  nodeId: string;
  path: string;
  methods: string[];
  responseMode: string;
  active: boolean;
  url: string;
};

export type WorkflowSummary = {
  id: string;
  name: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  webhooks: Webhook[];
};

export type WorkflowList = { items: WorkflowSummary[] };
