import { isPlainObject } from "./is-plain-object";

// Most expressions are plain paths ({{ $json.customer.name }}, {{ $trigger.body.id }}). Walking
// those directly is far cheaper than a JSONata evaluation, and safe as long as the walk only ever
// returns what JSONata would: any case where JSONata's sequence semantics could differ (an array
// anywhere on the path, an inherited property, a non-plain object) falls back to JSONata.

export type FastPath = { root: "json" | "trigger"; segments: readonly string[] };

/** Value of a fast path, or FALL_BACK when only JSONata can answer it exactly. */
export const FALL_BACK: unique symbol = Symbol("fall back to JSONata");

// Words JSONata parses as operators or literals, not field names (`$json.true` is `true`).
const RESERVED = new Set(["and", "or", "in", "true", "false", "null", "function"]);
const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const PATTERN = new RegExp(`^\\s*(\\$json|\\$trigger|${NAME})((?:\\s*\\.\\s*${NAME})*)\\s*$`);

/** A fast path for `$json.a.b`, `$trigger.x.y` and bare `a.b` (the input is JSONata's context), else undefined. */
export function compileFastPath(source: string): FastPath | undefined {
  const match = PATTERN.exec(source);
  if (match === null) return undefined;
  const head = match[1] as string;
  const rest = (match[2] ?? "").split(".").map((segment) => segment.trim()).filter((segment) => segment !== "");
  const bare = !head.startsWith("$");
  const segments = bare ? [head, ...rest] : rest;
  if (segments.some((segment) => RESERVED.has(segment))) return undefined;
  return { root: head === "$trigger" ? "trigger" : "json", segments };
}

export function runFastPath(path: FastPath, json: unknown, trigger: unknown): unknown {
  let current: unknown = path.root === "json" ? json : trigger;
  for (const segment of path.segments) {
    if (current === undefined) return undefined;
    if (Array.isArray(current)) return FALL_BACK;
    if (!isPlainObject(current)) {
      // JSONata's lookup on a primitive (or null) yields nothing; other objects may differ.
      if (current === null || typeof current !== "object") return undefined;
      return FALL_BACK;
    }
    if (!Object.hasOwn(current, segment)) return segment in current ? FALL_BACK : undefined;
    current = current[segment];
  }
  if (Array.isArray(current) || (current !== null && typeof current === "object" && !isPlainObject(current))) return FALL_BACK;
  // JSONata returns no value for a matched `undefined`, and NaN/Infinity cannot come from JSON.
  return current;
}
