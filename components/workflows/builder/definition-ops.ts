import { buildGraph } from "@/components/executions/detail/graph-layout";
import type { NodeCatalogEntry } from "@/lib/workflows/node-catalog-types";
import type { DefinitionConnection, DefinitionNode } from "../workflow-types";

// Pure edits of a draft definition. The builder never keeps a second model of the workflow: every
// canvas or form action is one of these functions applied to the JSON the editor shows, so the
// JSON tab, the canvas and what is saved cannot disagree.

export type Draft = { name: string; nodes: DefinitionNode[]; connections: DefinitionConnection[]; settings: Record<string, unknown> } & Record<string, unknown>;

/** A usable draft from whatever the JSON text parses to, or null when it is not one. */
export function asDraft(value: unknown): Draft | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Partial<Draft>;
  if (!Array.isArray(v.nodes) || !v.nodes.every((n) => n && typeof n === "object" && typeof n.id === "string" && typeof n.type === "string")) return null;
  const connections = Array.isArray(v.connections) ? v.connections : [];
  if (!connections.every((c) => c && typeof c === "object" && typeof c.from === "string" && typeof c.to === "string")) return null;
  return { ...(value as Record<string, unknown>), name: typeof v.name === "string" ? v.name : "", nodes: v.nodes, connections, settings: v.settings ?? {} };
}

/** `set`, `set-2`, `set-3`…: the first id of this type not taken. */
export function nextNodeId(draft: Draft, type: string): string {
  const ids = new Set(draft.nodes.map((n) => n.id));
  if (!ids.has(type)) return type;
  for (let i = 2; ; i++) if (!ids.has(`${type}-${i}`)) return `${type}-${i}`;
}

/** Starting parameters for a new node: its required fields, empty where they are text or collections. */
export function initialParameters(entry: NodeCatalogEntry): Record<string, unknown> {
  const required = entry.parameters.required ?? [];
  const params: Record<string, unknown> = {};
  for (const key of required) {
    const type = entry.parameters.properties?.[key]?.type;
    params[key] = type === "string" ? "" : type === "object" ? {} : type === "array" ? [] : structuredClone(entry.example[key]);
  }
  // A webhook without a path gets one from its id on save; a visible default is friendlier.
  if (entry.isTrigger && "path" in entry.example) params.path = `hooks/${Math.random().toString(36).slice(2, 8)}`;
  return params;
}

export function addNode(draft: Draft, entry: NodeCatalogEntry, position: { x: number; y: number }): { draft: Draft; id: string } {
  const id = nextNodeId(draft, entry.type);
  const node: DefinitionNode = { id, type: entry.type, parameters: initialParameters(entry), position };
  return { draft: { ...draft, nodes: [...draft.nodes, node] }, id };
}

export function removeNodes(draft: Draft, ids: readonly string[]): Draft {
  const gone = new Set(ids);
  return { ...draft, nodes: draft.nodes.filter((n) => !gone.has(n.id)), connections: draft.connections.filter((c) => !gone.has(c.from) && !gone.has(c.to)) };
}

export function connectionKey(c: DefinitionConnection): string {
  return `${c.from}:${c.output ?? "main"}->${c.to}`;
}

export function removeConnections(draft: Draft, keys: readonly string[]): Draft {
  const gone = new Set(keys);
  return { ...draft, connections: draft.connections.filter((c) => !gone.has(connectionKey(c))) };
}

/** Adds from.output → to; "main" is left implicit as in hand-written definitions. Duplicates and self-loops are ignored. */
export function connect(draft: Draft, from: string, output: string, to: string): Draft {
  if (from === to) return draft;
  const connection: DefinitionConnection = output === "main" ? { from, to } : { from, to, output };
  if (draft.connections.some((c) => connectionKey(c) === connectionKey(connection))) return draft;
  return { ...draft, connections: [...draft.connections, connection] };
}

/** Points an output at a different node (or at none): the form's "connect to" select. */
export function setOutputTarget(draft: Draft, from: string, output: string, to: string | null): Draft {
  const others = draft.connections.filter((c) => !(c.from === from && (c.output ?? "main") === output));
  const next = { ...draft, connections: others };
  return to === null ? next : connect(next, from, output, to);
}

export function updateNode(draft: Draft, id: string, patch: Partial<DefinitionNode>): Draft {
  return { ...draft, nodes: draft.nodes.map((n) => (n.id === id ? dropUndefined({ ...n, ...patch }) : n)) };
}

/** Renames a node and every connection that names it. */
export function renameNode(draft: Draft, id: string, next: string): Draft {
  if (!next || draft.nodes.some((n) => n.id === next)) return draft;
  return {
    ...draft,
    nodes: draft.nodes.map((n) => (n.id === id ? { ...n, id: next } : n)),
    connections: draft.connections.map((c) => ({ ...c, from: c.from === id ? next : c.from, to: c.to === id ? next : c.to })),
  };
}

export function moveNodes(draft: Draft, positions: ReadonlyMap<string, { x: number; y: number }>): Draft {
  return { ...draft, nodes: draft.nodes.map((n) => (positions.has(n.id) ? { ...n, position: roundPosition(positions.get(n.id)!) } : n)) };
}

/** Left-to-right layers by dependency depth, the same layout the execution graph uses. */
export function autoLayout(draft: Draft): Draft {
  const graph = buildGraph({ version: 0, name: "", nodes: draft.nodes.map(({ id, type }) => ({ id, type, parameters: {} })), connections: draft.connections }, [], []);
  return moveNodes(draft, new Map(graph.nodes.map((n) => [n.id, { x: n.x, y: n.y }])));
}

function roundPosition(p: { x: number; y: number }) {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Gives nodes without a position the auto-layout's, leaving placed nodes where the user put them. */
export function fillPositions(draft: Draft): Draft {
  if (draft.nodes.every((n) => n.position)) return draft;
  const laid = autoLayout(draft);
  return { ...draft, nodes: draft.nodes.map((n, i) => (n.position ? n : laid.nodes[i]!)) };
}

/** A free spot to the right of `anchor` (or of everything), stepping down past nodes already there. */
export function freePosition(draft: Draft, anchor: { x: number; y: number } | null, row = 0): { x: number; y: number } {
  const placed = draft.nodes.map((n) => n.position).filter((p): p is { x: number; y: number } => !!p);
  const x = anchor ? anchor.x + 240 : placed.length ? Math.max(...placed.map((p) => p.x)) + 240 : 0;
  let y = (anchor?.y ?? 0) + row * 110;
  while (placed.some((p) => Math.abs(p.x - x) < 120 && Math.abs(p.y - y) < 60)) y += 110;
  return { x, y };
}
