// Helpers for the engine's unit tests (not used at runtime).
import { z } from "zod";
import { buildPlan, sortTopologically } from "./build-plan";
import type { NodeHandler } from "./node-handler";
import type { Clock } from "./run-limits";
import type { NodeSettings, TriggerPayload, ValidatedWorkflow, WorkflowNode } from "./types";
import { validateWorkflow } from "./validate-workflow";

export function triggerPayload(body: unknown = {}, overrides: Partial<TriggerPayload> = {}): TriggerPayload {
  return { method: "POST", path: "hook", query: {}, headers: { "content-type": "application/json" }, body, ...overrides };
}

/** Validates through the real registry and fails loudly if the fixture itself is invalid. */
export function validated(definition: unknown): ValidatedWorkflow {
  const result = validateWorkflow(definition);
  if (!result.ok) throw new Error(`fixture is invalid: ${JSON.stringify(result.issues)}`);
  return result.workflow;
}

export const hook = { id: "hook", type: "webhook", parameters: {} };

/** A set node that marks its id in the data (`seen.<id>: true`), to see which path data took. */
export const tag = (id: string) => ({ id, type: "set", parameters: { fields: { [`seen.${id}`]: true } } });

export function customHandler(type: string, execute: NodeHandler["execute"]): NodeHandler {
  return { type, outputs: ["main"], parameters: z.record(z.string(), z.unknown()), execute };
}

type CustomNode = { id: string; handler: NodeHandler; parameters?: Record<string, unknown>; settings?: NodeSettings };

/**
 * Builds a plan around handlers that are not in the registry (nodes that throw, wait or record),
 * so the runner can be tested on behaviour no shipped node type has.
 */
export function customWorkflow(
  nodes: CustomNode[],
  connections: { from: string; to: string; output?: string }[],
): ValidatedWorkflow {
  const definitionNodes: WorkflowNode[] = nodes.map((n) => ({
    id: n.id,
    type: n.handler.type,
    parameters: n.parameters ?? {},
    ...(n.settings ? { settings: n.settings } : {}),
  }));
  const edges = connections.map((c) => ({ from: c.from, to: c.to, output: c.output ?? "main" }));
  const sorted = sortTopologically(definitionNodes.map((n) => n.id), edges);
  if (!sorted.ok) throw new Error(`fixture has a cycle: ${sorted.cycle.join(" → ")}`);
  const plan = buildPlan(
    { nodes: definitionNodes, handlers: nodes.map((n) => n.handler), parameters: nodes.map((n) => n.parameters ?? {}), connections: edges },
    sorted.order,
  );
  return { nodes: definitionNodes, connections, plan };
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * A clock whose sleeps record the requested delay and return at once (still rejecting when the
 * signal is aborted), and whose time advances by exactly what was slept.
 */
export function fakeClock(start = new Date("2030-01-01T00:00:00.000Z")): Clock & { sleeps: number[] } {
  let nowMs = start.getTime();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(nowMs),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      nowMs += ms;
      return Promise.resolve();
    },
  };
}
