// Wire shapes of the API responses, as JSON (dates are ISO strings).
// The list item type is the server's own; the others mirror lib/* query results.
import type { ExecutionStatus, NodeStatus } from "@/lib/executions/status";
import type { ExecutionListItem, ExecutionListPage } from "@/lib/executions/execution-queries";
import type { ExecutionReruns } from "@/lib/executions/execution-reruns";
import type { ExecutionCount } from "@/lib/executions/count-executions";
import type { BulkOperationView } from "@/lib/executions/bulk/bulk-operations";
import type { SentResponse } from "@/lib/executions/sent-response";
import type { Delivery, DeliveryPage } from "@/lib/deliveries/delivery-queries";

export type { ExecutionListItem, ExecutionReruns, ExecutionCount, BulkOperationView, SentResponse, Delivery, DeliveryPage };

export type BulkCreated = { operationId: string; total: number; status: "RUNNING" | "DONE"; replayed: boolean };

export type ExecutionPage = ExecutionListPage;

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
  /** The runner attempt that ran it. */
  attempt: number;
  /** The output branch it took ("main", "true", a switch rule…); null if it took none. */
  outputName?: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  input: unknown;
  output: unknown;
  error: { message?: string; name?: string; stack?: string } | null;
  // Every try of a node with retryOnFail; null when the node has none.
  attempts?: NodeAttempt[] | null;
  // console.log lines of a code node.
  logs?: string[] | null;
  // The stored output is a {truncated, size, preview} marker; outputBytes is the real size.
  outputTruncated?: boolean;
  outputBytes?: number | null;
};

export type NodeAttempt = { startedAt: string; finishedAt: string; durationMs: number; error?: { message?: string; name?: string } | null };

export type SnapshotNode = {
  id: string;
  type: string;
  parameters: Record<string, unknown>;
  settings?: Record<string, unknown>;
  position?: { x: number; y: number };
};

export type SnapshotConnection = { from: string; to: string; output?: string };

// The immutable workflow version the execution ran.
export type WorkflowSnapshot = {
  version: number;
  name: string;
  nodes: SnapshotNode[];
  connections: SnapshotConnection[];
  settings?: unknown;
};

export type RerunResponse = { executionId: string; retryOf: string };

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
  /** Runners that took this run: 1, plus one per resume (after a crash, a durable wait or a handover). */
  attempt: number;
  /** Runners that died holding it. */
  crashes: number;
  /** WAITING: when the parked wait is over. */
  resumeAt: string | null;
  workflowVersionId?: string;
  /** What the webhook's sender got; null for test runs and re-runs, or when no answer was recorded. */
  sentResponse: SentResponse | null;
  /** Set when retention dropped the payloads (the answer's headers and body among them). */
  payloadPrunedAt?: string | null;
  snapshot: WorkflowSnapshot | null;
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
  /** Set once deleted (archived): hidden from the default list, history kept. */
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  webhooks: Webhook[];
};

export type WorkflowList = { items: WorkflowSummary[] };
