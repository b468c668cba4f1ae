// What changed between two saved versions, node by node: the form a reviewer reads ("is-large:
// parameters.condition 100 → 1000"), not a text diff of the JSON, where key order and indentation
// would show as changes.

type Node = { id: string; type: string; parameters: Record<string, unknown>; settings?: Record<string, unknown>; name?: string; position?: { x: number; y: number } };
type Connection = { from: string; to: string; output?: string };
export type Definition = { name: string; nodes: Node[]; connections: Connection[] };

export type ValueChange = { path: string; before: unknown; after: unknown };
export type DefinitionDiff = {
  name: { before: string; after: string } | null;
  added: Node[];
  removed: Node[];
  changed: { id: string; changes: ValueChange[] }[];
  connectionsAdded: string[];
  connectionsRemoved: string[];
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Leaf-level differences; arrays are compared whole (an inserted rule is one change, not many). */
export function diffValues(before: unknown, after: unknown, path: string, out: ValueChange[] = []): ValueChange[] {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, before, after });
  }
  return out;
}

function connectionText(c: Connection): string {
  return `${c.from}${c.output && c.output !== "main" ? ` (${c.output})` : ""} → ${c.to}`;
}

export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
  const beforeById = new Map(before.nodes.map((n) => [n.id, n]));
  const afterById = new Map(after.nodes.map((n) => [n.id, n]));
  const changed: DefinitionDiff["changed"] = [];
  for (const node of after.nodes) {
    const old = beforeById.get(node.id);
    if (!old) continue;
    // Positions are where a node was dragged to: not a change in what the workflow does.
    const strip = (n: Node) => {
      const copy = { ...n };
      delete copy.position;
      return copy;
    };
    const changes = diffValues(strip(old), strip(node), "");
    if (changes.length) changed.push({ id: node.id, changes });
  }
  const beforeConnections = new Set(before.connections.map(connectionText));
  const afterConnections = new Set(after.connections.map(connectionText));
  return {
    name: before.name === after.name ? null : { before: before.name, after: after.name },
    added: after.nodes.filter((n) => !beforeById.has(n.id)),
    removed: before.nodes.filter((n) => !afterById.has(n.id)),
    changed,
    connectionsAdded: [...afterConnections].filter((c) => !beforeConnections.has(c)),
    connectionsRemoved: [...beforeConnections].filter((c) => !afterConnections.has(c)),
  };
}

export function isEmptyDiff(diff: DefinitionDiff): boolean {
  return !diff.name && !diff.added.length && !diff.removed.length && !diff.changed.length && !diff.connectionsAdded.length && !diff.connectionsRemoved.length;
}
