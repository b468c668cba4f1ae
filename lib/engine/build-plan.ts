import type { NodeHandler } from "./node-handler";
import { toStepSettings } from "./node-settings";
import type { ExecutionPlan, PlanStep, WorkflowNode } from "./types";

export type PlanInput = {
  nodes: readonly WorkflowNode[];
  handlers: readonly NodeHandler[];
  parameters: readonly unknown[];
  /** Only connections between existing nodes, with `output` defaulted. */
  connections: readonly { from: string; to: string; output: string }[];
};

/**
 * Kahn's algorithm with ties broken by definition order, so runs are deterministic. Returns node
 * indexes in topological order, or the ids of one cycle (first id repeated at the end).
 */
export function sortTopologically(
  nodeIds: readonly string[],
  edges: readonly { from: string; to: string }[],
): { ok: true; order: number[] } | { ok: false; cycle: string[] } {
  const indexOf = new Map(nodeIds.map((id, i) => [id, i]));
  const outgoing: number[][] = nodeIds.map(() => []);
  const incomingCount: number[] = nodeIds.map(() => 0);
  for (const edge of edges) {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined) continue;
    outgoing[from]?.push(to);
    incomingCount[to] = (incomingCount[to] ?? 0) + 1;
  }
  // `ready` is kept sorted by definition index.
  const ready = nodeIds.flatMap((_, i) => (incomingCount[i] === 0 ? [i] : []));
  const order: number[] = [];
  for (let current = ready.shift(); current !== undefined; current = ready.shift()) {
    order.push(current);
    for (const next of outgoing[current] ?? []) {
      const remaining = (incomingCount[next] ?? 0) - 1;
      incomingCount[next] = remaining;
      if (remaining === 0) insertSorted(ready, next);
    }
  }
  if (order.length < nodeIds.length) {
    const stuck = new Set(nodeIds.filter((_, i) => (incomingCount[i] ?? 0) > 0));
    return { ok: false, cycle: findCycle(stuck, edges) };
  }
  return { ok: true, order };
}

/** Precomputes parents, children and incoming edges per step. Assumes valid ids and connections. */
export function buildPlan(input: PlanInput, order: readonly number[]): ExecutionPlan {
  const { nodes, connections } = input;
  const position = new Map<string, number>();
  order.forEach((nodeIndex, step) => position.set((nodes[nodeIndex] as WorkflowNode).id, step));
  const incoming = order.map((): { from: number; output: string }[] => []);
  const parents = order.map((): string[] => []);
  const children = order.map((): Record<string, string[]> => ({}));
  for (const connection of connections) {
    const from = position.get(connection.from);
    const to = position.get(connection.to);
    if (from === undefined || to === undefined) continue;
    incoming[to]?.push({ from, output: connection.output });
    const parentIds = parents[to];
    if (parentIds !== undefined && !parentIds.includes(connection.from)) parentIds.push(connection.from);
    const byOutput = children[from];
    if (byOutput !== undefined) (byOutput[connection.output] ??= []).push(connection.to);
  }
  const steps: PlanStep[] = order.map((nodeIndex, step) => {
    const node = nodes[nodeIndex] as WorkflowNode;
    const handler = input.handlers[nodeIndex] as NodeHandler;
    const parameters = input.parameters[nodeIndex];
    return {
      index: step,
      node,
      handler,
      parameters,
      expressionKeys: expressionKeys(handler, parameters),
      outputs: handlerOutputs(handler, parameters),
      // Settings were checked by nodeSettingsSchema (or built by a test); only defaults remain.
      settings: toStepSettings(node.settings),
      incoming: incoming[step] ?? [],
      parents: parents[step] ?? [],
      children: children[step] ?? {},
    };
  });
  return {
    order: steps.map((step) => step.node.id),
    steps,
    indexById: position,
    triggers: steps.filter((step) => step.handler.isTrigger === true).map((step) => step.node.id),
  };
}

/** Decided once per plan so that nodes with constant parameters skip expression resolution. */
function expressionKeys(handler: NodeHandler, parameters: unknown): string[] {
  const values = (parameters ?? {}) as Record<string, unknown>;
  return ((handler.expressionParameters ?? []) as readonly string[]).filter((key) => containsExpression(values[key]));
}

function containsExpression(value: unknown): boolean {
  if (typeof value === "string") return value.includes("{{");
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsExpression);
  return false;
}

/** A handler's outputs for validated parameters. */
export function handlerOutputs(handler: NodeHandler, parameters: unknown): readonly string[] {
  return typeof handler.outputs === "function" ? handler.outputs(parameters) : handler.outputs;
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as number) > value) i--;
  list.splice(i, 0, value);
}

/**
 * Names one cycle among the nodes Kahn's algorithm could not order. Every such node has a parent
 * that is also stuck, so walking parents must revisit a node; the loop from there is a cycle.
 */
function findCycle(stuck: ReadonlySet<string>, edges: readonly { from: string; to: string }[]): string[] {
  const parentOf = new Map<string, string>();
  for (const { from, to } of edges) {
    if (stuck.has(from) && stuck.has(to) && !parentOf.has(to)) parentOf.set(to, from);
  }
  const [start] = stuck;
  const walked: string[] = [];
  const seenAt = new Map<string, number>();
  let current = start;
  while (current !== undefined && !seenAt.has(current)) {
    seenAt.set(current, walked.length);
    walked.push(current);
    current = parentOf.get(current);
  }
  if (current === undefined) return [...stuck];
  // `walked` follows parents (backwards); reverse the loop so it reads in connection direction.
  const loop = walked.slice(seenAt.get(current)).reverse();
  return [...loop, loop[0] as string];
}
