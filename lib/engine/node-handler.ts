import type { z } from "zod";
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

export type NodeContext<P> = {
  node: WorkflowNode;
  /** Validated parameters (schema defaults applied); the handler's `expressionParameters` are resolved. */
  parameters: P;
  input: unknown;
  trigger: TriggerPayload;
  /** Aborted when the run is cancelled; long-running nodes should pass it on or check it. */
  signal: AbortSignal;
  /** Resolves `{{ }}` expressions in any value against this node's input; `parameter` names it in errors. */
  expr: (value: unknown, parameter?: string) => Promise<unknown>;
  now: () => Date;
};

export type NodeOutput = {
  data: unknown;
  /** Which output branch is taken; defaults to "main". Must be one of the handler's `outputs`. */
  output?: string;
  response?: WebhookResponse;
};

// `any` defaults let heterogeneous handlers live in one Record; each handler is still checked
// against its own schema where it is defined (see defineNode).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NodeHandler<P = any, K extends keyof P = any> = {
  type: string;
  /** A trigger starts runs: it has no incoming connections and its output is the trigger payload. */
  isTrigger?: boolean;
  outputs: readonly string[];
  parameters: z.ZodType<P>;
  /** Top-level parameters whose `{{ }}` expressions the engine resolves before execute. */
  expressionParameters?: readonly K[];
  execute(ctx: NodeContext<ResolvedParameters<P, K>>): NodeOutput | Promise<NodeOutput>;
};

/** Identity function that infers P from the schema and K from `expressionParameters`. */
export function defineNode<P, K extends keyof P & string = never>(handler: NodeHandler<P, K>): NodeHandler<P, K> {
  return handler;
}
