import type { z } from "zod";
import type { ResolvedLimits } from "./run-limits";
import type { TriggerPayload, WebhookResponse, WorkflowNode } from "./types";

// The contract every node type implements: a parameter schema (checked once, at validation) and an
// execute function. Adding a node type = one file exporting a NodeHandler + one registry line.

/** After expression resolution any string may have become any JSON value, so strings turn into unknown. */
export type Resolved<T> = T extends string
  ? unknown
  : T extends readonly (infer Item)[]
    ? Resolved<Item>[]
    : T extends object
      ? { [Key in keyof T]: Resolved<T[Key]> }
      : T;

export type ResolvedParameters<P, K extends keyof P> = Omit<P, K> & { [Key in K]: Resolved<P[Key]> };

/** One taken incoming connection: the source node, the output it took, and its (real) data. */
export type NodeInput = { from: string; output: string; data: unknown };

export type NodeContext<P> = {
  node: WorkflowNode;
  /** Validated parameters (schema defaults applied); the handler's `expressionParameters` are resolved. */
  parameters: P;
  /** The data of the first taken incoming connection (`inputs[0].data`). */
  input: unknown;
  /** Every taken incoming connection, in connection order; a join (merge) reads them all. */
  inputs: readonly NodeInput[];
  trigger: TriggerPayload;
  /** Aborted when the run is cancelled, times out, or this node's `timeoutMs` elapses; pass it on. */
  signal: AbortSignal;
  /** The run's clock sleep bound to this node's signal: rejects promptly on abort. */
  sleep: (ms: number) => Promise<void>;
  limits: ResolvedLimits;
  /** Resolves `{{ }}` expressions in any value against this node's input; `parameter` names it in errors. */
  expr: (value: unknown, parameter?: string) => Promise<unknown>;
  now: () => Date;
  /** The server's network policy for nodes that make requests (httpRequest). */
  network?: NetworkPolicy;
  /**
   * Present when the caller can park runs: ends this node (and the run) now, to be resumed at
   * `resumeAt` by whoever stores the run. Never returns.
   */
  park?: (resumeAt: Date) => never;
  /** Parks only pay off for waits longer than this (ms); shorter ones sleep in process. */
  parkAfterMs?: number;
  /** The caller's id for this run (an execution id), stable across resumes. */
  runId?: string;
  /** Who the run belongs to (a user id), for fair sharing of code workers between users. */
  tenant?: string;
  /** When the run resumes a parked node: when that node first started (its wait counts from here). */
  resumedFrom?: Date;
};

/** Private, loopback and link-local targets are refused unless the server allows them. */
export type NetworkPolicy = { allowPrivateNetwork?: boolean };

export type NodeOutput = {
  data: unknown;
  /** Which output branch is taken; defaults to "main". Must be one of the handler's `outputs`. */
  output?: string;
  response?: WebhookResponse;
  /** Lines the node printed (the code node's console.*), kept beside `data` rather than in it. */
  logs?: string[];
};

// `any` defaults let heterogeneous handlers live in one Record; each handler is still checked
// against its own schema where it is defined (see defineNode).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NodeHandler<P = any, K extends keyof P = any> = {
  type: string;
  /** A trigger starts runs: it has no incoming connections and its output is the trigger payload. */
  isTrigger?: boolean;
  /** Output names; a function when they depend on the parameters (a switch has one per rule). */
  outputs: readonly string[] | ((parameters: P) => readonly string[]);
  parameters: z.ZodType<P>;
  /** Top-level parameters whose `{{ }}` expressions the engine resolves before execute. */
  expressionParameters?: readonly K[];
  /**
   * Parameters the handler resolves itself through `ctx.expr` (e.g. only until a switch rule
   * matches); listed so their expressions are still syntax-checked at validation.
   */
  lazyExpressionParameters?: readonly (keyof P & string)[];
  execute(ctx: NodeContext<ResolvedParameters<P, K>>): NodeOutput | Promise<NodeOutput>;
};

/** Identity function that infers P from the schema and K from `expressionParameters`. */
export function defineNode<P, K extends keyof P & string = never>(handler: NodeHandler<P, K>): NodeHandler<P, K> {
  return handler;
}
