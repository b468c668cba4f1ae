// Public surface of the engine. Callers may also import the individual modules directly.
export { validateWorkflow, type ValidationLimits, type ValidationResult } from "./validate-workflow";
export { runWorkflow, type RunOptions } from "./run-workflow";
export { DEFAULT_LIMITS, realClock, type Clock, type ResolvedLimits, type RunLimits } from "./run-limits";
export { nodeSettingsSchema } from "./node-settings";
export { ExpressionError, resolveExpressions, type ExpressionScope } from "./expressions";
export { NODE_HANDLERS, getNodeHandler, type NodeType } from "./nodes/registry";
export { defineNode, type NodeContext, type NodeHandler, type NodeInput, type NodeOutput } from "./node-handler";
export type * from "./types";
