import { z } from "zod";
import { buildPlan, handlerOutputs, sortTopologically } from "./build-plan";
import { findExpressionErrors } from "./expressions";
import { formatPath, joinPath } from "./format-path";
import type { NodeHandler } from "./node-handler";
import { nodeSettingsSchema } from "./node-settings";
import { getNodeHandler, NODE_HANDLERS } from "./nodes/registry";
import { DEFAULT_LIMITS } from "./run-limits";
import type { NodeSettings, ValidatedWorkflow, ValidationIssue, WorkflowNode } from "./types";

const nodeShape = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1),
  name: z.string().max(200).optional(),
  parameters: z.record(z.string(), z.unknown()),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  // Checked per node below (nodeSettingsSchema) so its issues name the node like parameter issues do.
  settings: z.unknown().optional(),
});

const definitionShape = z.object({
  nodes: z.array(nodeShape),
  connections: z.array(z.object({ from: z.string().min(1), to: z.string().min(1), output: z.string().min(1).optional() })),
  // Stored versions may hold a JSON null here.
  settings: z.record(z.string(), z.unknown()).nullish(),
});

export type ValidationResult = { ok: true; workflow: ValidatedWorkflow } | { ok: false; issues: ValidationIssue[] };

export type ValidationLimits = { maxNodes?: number };

/**
 * Shape first (zod), then every node's type and parameters, then the graph. All problems are
 * reported together, each naming the node or connection, so an editor can show them at once.
 * The graph checks only run once the shape is sound, since they would otherwise repeat its errors.
 */
export function validateWorkflow(input: unknown, limits: ValidationLimits = {}): ValidationResult {
  const shape = definitionShape.safeParse(input);
  if (!shape.success) {
    return { ok: false, issues: shape.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) };
  }
  const { connections, settings } = shape.data;
  const issues: ValidationIssue[] = [];
  const maxNodes = limits.maxNodes ?? DEFAULT_LIMITS.maxNodes;
  if (shape.data.nodes.length > maxNodes) {
    issues.push({ path: "nodes", message: `workflow has ${shape.data.nodes.length} nodes; the limit is ${maxNodes} (maxNodes)` });
  }
  const nodes = shape.data.nodes.map((node, i) => withSettings(node, i, issues));

  const firstIndex = new Map<string, number>();
  const handlers: (NodeHandler | undefined)[] = [];
  const parameters: unknown[] = [];
  nodes.forEach((node, i) => {
    const seen = firstIndex.get(node.id);
    if (seen === undefined) firstIndex.set(node.id, i);
    else issues.push({ path: `nodes[${i}].id`, message: `duplicate node id "${node.id}" (also used by nodes[${seen}])` });
    const handler = getNodeHandler(node.type);
    handlers.push(handler);
    if (handler === undefined) {
      issues.push({ path: `nodes[${i}].type`, message: `node "${node.id}": unknown type "${node.type}"` });
      parameters.push(undefined);
      return;
    }
    parameters.push(checkParameters(node, i, handler, issues));
  });

  const edges: { from: string; to: string; output: string }[] = [];
  connections.forEach((connection, k) => {
    const { from, to } = connection;
    const output = connection.output ?? "main";
    const label = `connection from "${from}" to "${to}"`;
    const source = firstIndex.get(from);
    const target = firstIndex.get(to);
    if (source === undefined) issues.push({ path: `connections[${k}].from`, message: `${label}: node "${from}" does not exist` });
    if (target === undefined) issues.push({ path: `connections[${k}].to`, message: `${label}: node "${to}" does not exist` });
    if (source === undefined || target === undefined) return;
    const sourceHandler = handlers[source];
    // Outputs computed from parameters are unknown when the parameters are invalid (already reported).
    const sourceOutputs =
      sourceHandler === undefined || (typeof sourceHandler.outputs === "function" && parameters[source] === undefined)
        ? undefined
        : handlerOutputs(sourceHandler, parameters[source]);
    if (sourceHandler !== undefined && sourceOutputs !== undefined && !sourceOutputs.includes(output)) {
      const outputs = sourceOutputs.map((name) => `"${name}"`).join(", ");
      issues.push({
        path: `connections[${k}].output`,
        message: `${label}: node "${from}" (${sourceHandler.type}) has no output "${output}"; its outputs are ${outputs}`,
      });
    }
    const targetHandler = handlers[target];
    if (targetHandler?.isTrigger === true) {
      issues.push({
        path: `connections[${k}].to`,
        message: `${label}: node "${to}" is a ${targetHandler.type} trigger and cannot have incoming connections`,
      });
    }
    edges.push({ from, to, output });
  });

  if (!handlers.some((handler) => handler?.isTrigger === true)) {
    const triggerTypes = Object.values(NODE_HANDLERS as Record<string, NodeHandler>)
      .filter((handler) => handler.isTrigger === true)
      .map((handler) => handler.type);
    issues.push({ path: "nodes", message: `workflow has no trigger node (add one of: ${triggerTypes.join(", ")})` });
  }

  // With duplicate ids the graph is ambiguous, so ordering waits until ids are fixed.
  const duplicates = firstIndex.size < nodes.length;
  const sorted = duplicates ? undefined : sortTopologically(nodes.map((node) => node.id), edges);
  if (sorted !== undefined && !sorted.ok) {
    issues.push({ path: "connections", message: `cycle: ${sorted.cycle.map((id) => `"${id}"`).join(" → ")}` });
  }
  if (issues.length > 0 || sorted === undefined || !sorted.ok) return { ok: false, issues };

  const plan = buildPlan(
    { nodes, handlers: handlers as NodeHandler[], parameters, connections: edges },
    sorted.order,
  );
  const workflow: ValidatedWorkflow = { nodes, connections, ...(settings ? { settings } : {}), plan };
  return { ok: true, workflow };
}

/** Parses a node's parameters with its handler's schema and compiles its expressions. */
function checkParameters(node: WorkflowNode, i: number, handler: NodeHandler, issues: ValidationIssue[]): unknown {
  const base = `nodes[${i}].parameters`;
  const parsed = handler.parameters.safeParse(node.parameters);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const parameter = formatPath(issue.path);
      const where = parameter === "" ? "parameters" : `parameter "${parameter}"`;
      issues.push({
        path: parameter === "" ? base : joinPath(base, parameter),
        message: `node "${node.id}" (${node.type}): ${where}: ${issue.message}`,
      });
    }
    return undefined;
  }
  const values = parsed.data as Record<string, unknown>;
  for (const key of [...(handler.expressionParameters ?? []), ...(handler.lazyExpressionParameters ?? [])]) {
    for (const problem of findExpressionErrors(values[key as string], key as string)) {
      issues.push({ path: joinPath(base, problem.parameter), message: `node "${node.id}" (${node.type}): ${problem.message}` });
    }
  }
  return parsed.data;
}

/** Replaces a node's raw settings by the parsed ones, reporting problems at `nodes[i].settings…`. */
function withSettings(node: z.infer<typeof nodeShape>, i: number, issues: ValidationIssue[]): WorkflowNode {
  const { settings: raw, ...rest } = node;
  // Stored versions may hold a JSON null, which means "no settings".
  if (raw === undefined || raw === null) return rest;
  const parsed = nodeSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const setting = formatPath(issue.path);
      issues.push({
        path: setting === "" ? `nodes[${i}].settings` : joinPath(`nodes[${i}].settings`, setting),
        message: `node "${node.id}": ${setting === "" ? "settings" : `setting "${setting}"`}: ${issue.message}`,
      });
    }
    return rest;
  }
  const settings: NodeSettings = parsed.data;
  return { ...rest, settings };
}
