import { lineOfOffset, offsetOfPath, type JsonLocations } from "./json-locations";

export type ServerIssue = { path: string; message: string };
export type EditorIssue = ServerIssue & { nodeId: string | null; line: number | null };

type Draft = { nodes?: { id?: unknown }[]; connections?: { from?: unknown; to?: unknown }[] };

function asDraft(value: unknown): Draft {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Draft) : {};
}

// nodes[2].… → the id of the draft's third node; connections[k].from|to → the node it names.
export function nodeIdOfPath(draft: unknown, path: string): string | null {
  const d = asDraft(draft);
  const node = /^nodes\[(\d+)\]/.exec(path);
  if (node) {
    const id = d.nodes?.[Number(node[1])]?.id;
    return typeof id === "string" ? id : null;
  }
  const connection = /^connections\[(\d+)\](?:\.(from|to))?/.exec(path);
  if (connection) {
    const c = d.connections?.[Number(connection[1])];
    const id = c?.[connection[2] === "to" ? "to" : "from"];
    const ids = new Set((d.nodes ?? []).map((n) => n.id));
    return typeof id === "string" && ids.has(id) ? id : null;
  }
  return null;
}

// Server paths are relative to the definition; the editor's text may be the same object.
export function mapIssues(issues: ServerIssue[], text: string, located: JsonLocations | null): EditorIssue[] {
  return issues.map((issue) => {
    const offset = located ? offsetOfPath(located.offsets, issue.path) : undefined;
    return {
      ...issue,
      nodeId: located ? nodeIdOfPath(located.value, issue.path) : null,
      line: offset === undefined ? null : lineOfOffset(text, offset),
    };
  });
}

export function isServerIssues(value: unknown): value is ServerIssue[] {
  return Array.isArray(value) && value.every((v) => v && typeof v === "object" && typeof (v as ServerIssue).path === "string" && typeof (v as ServerIssue).message === "string");
}
