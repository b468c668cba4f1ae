// Prints conditions back as `q` text that parses to the same conditions (the parser's
// property test relies on it; the UI uses it to show a canonical query).
import type { JsonScalar, SearchCondition, SearchField } from "./search-query";

const BARE_SEGMENT = /^[^\s."=!~]+$/;
const BARE_NODE_ID = /^[^\s"]+$/;

function segment(key: string): string {
  return BARE_SEGMENT.test(key) ? key : JSON.stringify(key);
}

function field(f: SearchField): string {
  switch (f.kind) {
    case "error":
      return f.nodeId === null ? "error" : `node:${BARE_NODE_ID.test(f.nodeId) ? f.nodeId : JSON.stringify(f.nodeId)} error`;
    case "output":
      return `node:${BARE_NODE_ID.test(f.nodeId) ? f.nodeId : JSON.stringify(f.nodeId)} output${f.path.map((k) => `.${segment(k)}`).join("")}`;
    case "body":
    case "header":
    case "query":
      return `${f.kind}${f.path.map((k) => `.${segment(k)}`).join("")}`;
  }
}

function literal(value: JsonScalar): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export function formatCondition(c: SearchCondition): string {
  return c.op === "exists" ? `${field(c.field)} exists` : `${field(c.field)} ${c.op} ${literal(c.value)}`;
}

export function formatSearch(conditions: readonly SearchCondition[]): string {
  return conditions.map(formatCondition).join(" AND ");
}
