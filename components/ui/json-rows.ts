// Flattens a JSON value into the rows a virtualized viewer shows. Only open containers
// are walked, and each shows at most CHILD_PAGE children until "show all", so the cost
// follows what is on screen, never the size of the value (a 5 MB output stays cheap).

export const CHILD_PAGE = 100;
export const STRING_PREVIEW = 200;
export const STRING_CHUNK = 160;
// Containers open by default: shallow ones with few children.
const DEFAULT_OPEN_DEPTH = 2;
const DEFAULT_OPEN_MAX_CHILDREN = 50;

export type JsonTone = "string" | "number" | "boolean" | "null" | "other";

export type JsonRow =
  | { kind: "open"; path: string; depth: number; key: string | null; isArray: boolean; count: number; open: boolean; comma: boolean; preview: string | null }
  | { kind: "close"; path: string; depth: number; isArray: boolean; comma: boolean }
  | { kind: "value"; path: string; depth: number; key: string | null; text: string; tone: JsonTone; comma: boolean; hiddenChars: number; expanded: boolean }
  | { kind: "chunk"; path: string; depth: number; text: string; index: number }
  | { kind: "more"; path: string; depth: number; hidden: number; total: number };

export type JsonViewState = {
  // User choices override the default: path → open?
  toggled: ReadonlyMap<string, boolean>;
  allChildren: ReadonlySet<string>;
  fullStrings: ReadonlySet<string>;
};

export const EMPTY_STATE: JsonViewState = { toggled: new Map(), allChildren: new Set(), fullStrings: new Set() };

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

function childKeys(value: Container): string[] {
  return Array.isArray(value) ? [] : Object.keys(value);
}

function childCount(value: Container): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

export function isOpen(path: string, depth: number, count: number, state: JsonViewState): boolean {
  return state.toggled.get(path) ?? (depth < DEFAULT_OPEN_DEPTH && count <= DEFAULT_OPEN_MAX_CHILDREN);
}

function toneOf(value: unknown): JsonTone {
  if (value === null) return "null";
  const t = typeof value;
  return t === "string" || t === "number" || t === "boolean" ? t : "other";
}

function primitiveText(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? String(value);
}

const PREVIEW_ENTRIES = 4;
const PREVIEW_CHARS = 80;

function shortValue(value: unknown): string | null {
  if (Array.isArray(value)) return "[…]";
  if (typeof value === "object" && value !== null) return "{…}";
  if (typeof value === "string") return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  return primitiveText(value);
}

// A one-line peek at a collapsed container's first entries; bounded work whatever its size.
// Arrays of containers get none: "{…}, {…}" says nothing the item count does not.
function collapsedPreview(node: Container): string | null {
  const parts: string[] = [];
  if (Array.isArray(node)) {
    for (const item of node.slice(0, PREVIEW_ENTRIES)) {
      if (isContainer(item)) return null;
      parts.push(shortValue(item)!);
    }
  } else {
    let i = 0;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (i++ >= PREVIEW_ENTRIES) break;
      parts.push(`${JSON.stringify(key)}: ${shortValue(node[key])}`);
    }
  }
  let text = parts.join(", ");
  if (text.length > PREVIEW_CHARS) text = `${text.slice(0, PREVIEW_CHARS)}…`;
  return parts.length < childCount(node) ? `${text}, …` : text;
}

export function flattenJson(value: unknown, state: JsonViewState): JsonRow[] {
  const rows: JsonRow[] = [];
  const visit = (node: unknown, path: string, depth: number, key: string | null, comma: boolean) => {
    if (!isContainer(node)) {
      if (typeof node === "string" && node.length > STRING_PREVIEW) {
        const expanded = state.fullStrings.has(path);
        if (!expanded) {
          const preview = JSON.stringify(node.slice(0, STRING_PREVIEW));
          rows.push({ kind: "value", path, depth, key, text: `${preview.slice(0, -1)}…`, tone: "string", comma, hiddenChars: node.length - STRING_PREVIEW, expanded });
          return;
        }
        // A long string is cut into fixed-width rows so every row keeps one height.
        const text = JSON.stringify(node);
        rows.push({ kind: "value", path, depth, key, text: "", tone: "string", comma: false, hiddenChars: 0, expanded });
        for (let i = 0, index = 0; i < text.length; i += STRING_CHUNK, index += 1) {
          const last = i + STRING_CHUNK >= text.length;
          rows.push({ kind: "chunk", path, depth: depth + 1, text: text.slice(i, i + STRING_CHUNK) + (last && comma ? "," : ""), index });
        }
        return;
      }
      rows.push({ kind: "value", path, depth, key, text: primitiveText(node), tone: toneOf(node), comma, hiddenChars: 0, expanded: false });
      return;
    }
    const isArray = Array.isArray(node);
    const count = childCount(node);
    const open = count > 0 && isOpen(path, depth, count, state);
    rows.push({ kind: "open", path, depth, key, isArray, count, open, comma, preview: open || count === 0 ? null : collapsedPreview(node) });
    if (!open) return;
    const limit = state.allChildren.has(path) ? count : Math.min(count, CHILD_PAGE);
    const keys = isArray ? null : childKeys(node);
    for (let i = 0; i < limit; i += 1) {
      const childKey = keys ? keys[i]! : String(i);
      const child = keys ? (node as Record<string, unknown>)[childKey] : (node as unknown[])[i];
      visit(child, `${path}/${childKey.replaceAll("~", "~0").replaceAll("/", "~1")}`, depth + 1, keys ? childKey : null, i < count - 1);
    }
    if (limit < count) rows.push({ kind: "more", path, depth: depth + 1, hidden: count - limit, total: count });
    rows.push({ kind: "close", path, depth, isArray, comma });
  };
  visit(value, "", 0, null, false);
  return rows;
}

export function toggleIn<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
