// Public surface of the engine. Callers may also import the individual modules directly.
export { validateWorkflow, type ValidationResult } from "./validate-workflow";
export { runWorkflow, type RunOptions } from "./run-workflow";
export { ExpressionError, resolveExpressions, type ExpressionScope } from "./expressions";
export { NODE_HANDLERS, getNodeHandler, type NodeType } from "./nodes/registry";
export { defineNode, type NodeContext, type NodeHandler, type NodeOutput } from "./node-handler";
export type * from "./types";
