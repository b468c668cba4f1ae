import type { NodeHandler } from "./node-handler";

// Shapes shared by the engine and its callers. The engine is pure: these are plain data, so a
// caller can persist, publish or replay them without knowing how a run was executed.

export type WorkflowNode = {
  id: string;
  type: string;
  name?: string;
  parameters: Record<string, unknown>;
  position?: { x: number; y: number };
};

/** `output` defaults to "main"; branching nodes name theirs (an `if` has "true" and "false"). */
export type Connection = { from: string; to: string; output?: string };

export type WorkflowDefinition = {
  nodes: WorkflowNode[];
  connections: Connection[];
  settings?: Record<string, unknown>;
};

/** One node of the plan; indexes refer to positions in `ExecutionPlan.steps` (topological order). */
export type PlanStep = {
  index: number;
  node: WorkflowNode;
  handler: NodeHandler;
  /** Output of the handler's schema: validated, defaults applied, expressions not yet resolved. */
  parameters: unknown;
  /** Incoming connections in definition order; the first taken one supplies the input. */
  incoming: readonly { from: number; output: string }[];
  parents: readonly string[];
  children: Readonly<Record<string, readonly string[]>>;
};

/** Computed once by validateWorkflow so that running does no graph work. */
export type ExecutionPlan = {
  order: readonly string[];
  steps: readonly PlanStep[];
  indexById: ReadonlyMap<string, number>;
  triggers: readonly string[];
};

export type ValidatedWorkflow = WorkflowDefinition & { readonly plan: ExecutionPlan };

/** What a webhook trigger received; the trigger node's output and `$trigger` in expressions. */
export type TriggerPayload = {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
};

export type WebhookResponse = { status: number; headers: Record<string, string>; body: unknown };

export type ValidationIssue = { path: string; message: string };

export type NodeError = { message: string; name: string; stack?: string };

export type NodeResult = {
  nodeId: string;
  nodeType: string;
  /** Always 0 for now; retries and loops (next issue) run a node more than once. */
  runIndex: number;
  status: "succeeded" | "failed";
  input: unknown;
  data: unknown;
  error?: NodeError;
  startedAt: Date;
  finishedAt: Date;
  /** Fractional milliseconds from performance.now(); Date only has millisecond resolution. */
  durationMs: number;
};

/** "partial" is reserved for continueOnFail: the run finished but some nodes failed. */
export type RunStatus = "completed" | "failed" | "cancelled" | "partial";

export type RunResult = {
  status: RunStatus;
  nodeResults: NodeResult[];
  executionPath: string[];
  failedNodes: string[];
  lastNodeId?: string;
  response?: WebhookResponse;
  error?: { message: string };
};

export type RunCallbacks = {
  onNodeStart?: (event: { nodeId: string; nodeType: string; startedAt: Date }) => void | Promise<void>;
  onNodeFinish?: (result: NodeResult) => void | Promise<void>;
};
