import type { NodeHandler } from "./node-handler";

// Shapes shared by the engine and its callers. The engine is pure: these are plain data, so a
// caller can persist, publish or replay them without knowing how a run was executed.

export type WorkflowNode = {
  id: string;
  type: string;
  name?: string;
  parameters: Record<string, unknown>;
  position?: { x: number; y: number };
  /** Per-node behaviour the engine applies around any node type (retry, continue, timeout). */
  settings?: NodeSettings;
};

/** Validated by `nodeSettingsSchema` (node-settings.ts); every field is optional. */
export type NodeSettings = {
  retryOnFail?: { maxTries: number; waitMs?: number; backoff?: number };
  continueOnFail?: boolean;
  timeoutMs?: number;
};

/** Node settings with defaults applied, computed once per plan step. */
export type StepSettings = {
  retry: { maxTries: number; waitMs: number; backoff: number } | undefined;
  continueOnFail: boolean;
  timeoutMs: number | undefined;
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
  /** The handler's `expressionParameters` whose values contain a `{{`: all the engine resolves. */
  expressionKeys: readonly string[];
  /** The outputs this node can take (a switch's depend on its rules). */
  outputs: readonly string[];
  settings: StepSettings;
  /** Incoming connections in definition order; the first taken one supplies `input`, all taken ones `inputs`. */
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

/** One try of a node; a node with `retryOnFail` records every try, the last one being the result. */
export type NodeAttempt = { startedAt: Date; finishedAt: Date; durationMs: number; error?: NodeError };

/** What is stored instead of an output larger than `limits.maxOutputBytes`. */
export type TruncatedData = { truncated: true; size: number; preview: string };

export type NodeResult = {
  nodeId: string;
  nodeType: string;
  /** Always 0: retries are recorded in `attempts`, not as separate runs. */
  runIndex: number;
  /**
   * "failed" with `data` set means the node failed but `continueOnFail` passed its error on.
   * "cancelled": the run was cancelled while this node ran.
   */
  status: NodeResultStatus;
  /** The output branch the node took; absent when it failed without continueOnFail or was cancelled. */
  output?: string;
  /** The first taken input; a `TruncatedData` marker when that input was stored truncated. */
  input: unknown;
  /** The output as stored: a `TruncatedData` marker when over the limit (downstream nodes got the real data). */
  data: unknown;
  error?: NodeError;
  /** Present only on nodes with `retryOnFail`: every try in order. */
  attempts?: NodeAttempt[];
  /** Present (true) when `data` or `input` is a `TruncatedData` marker. */
  truncated?: true;
  /** Lines the node printed (the code node's console.*), also when it failed. */
  logs?: string[];
  startedAt: Date;
  finishedAt: Date;
  /** Fractional milliseconds from performance.now(); Date only has millisecond resolution. */
  durationMs: number;
};

export type NodeResultStatus = "succeeded" | "failed" | "cancelled";

/**
 * "partial": the run finished but some nodes failed and continued (continueOnFail).
 * "waiting": a wait node parked the run (see `RunOptions.parking`); `parked` says until when.
 */
export type RunStatus = "completed" | "failed" | "cancelled" | "partial" | "waiting";

/** The wait node a run parked on: the caller stores it and resumes the run at `resumeAt`. */
export type ParkedNode = { nodeId: string; nodeType: string; input: unknown; startedAt: Date; resumeAt: Date };

/** A node that already ran in an earlier attempt of this run, as it was saved. */
export type CompletedNode = { status: "succeeded" | "failed"; output: string; data: unknown };

/**
 * What an earlier attempt of this run left: nodes it completed are not run again (their saved
 * output is used), and a parked wait node picks up from when it started waiting.
 */
export type ResumeState = {
  completed: ReadonlyMap<string, CompletedNode>;
  waiting?: { nodeId: string; startedAt: Date };
};

export type RunResult = {
  status: RunStatus;
  nodeResults: NodeResult[];
  executionPath: string[];
  failedNodes: string[];
  lastNodeId?: string;
  response?: WebhookResponse;
  error?: { message: string };
  /** The last node's data, never truncated (a `lastNode` webhook response needs the real value). */
  lastData?: unknown;
  /** Set when status is "waiting". */
  parked?: ParkedNode;
};

export type RunCallbacks = {
  onNodeStart?: (event: { nodeId: string; nodeType: string; startedAt: Date }) => void | Promise<void>;
  onNodeFinish?: (result: NodeResult) => void | Promise<void>;
};
