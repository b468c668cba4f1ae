// Copy-on-write dot-path updates for the `set` node: only the objects along the path are copied,
// everything else is shared with the input, which is never mutated.

import { isPlainObject } from "./expressions";

// Assigning these through a user-supplied path would reach Object.prototype.
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/** Returns a reason the path is unusable, or undefined when it is fine. */
export function checkDotPath(path: string): string | undefined {
  const segments = path.split(".");
  if (segments.some((segment) => segment === "")) return `path "${path}" has an empty segment`;
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) return `path "${path}" uses the reserved key "${forbidden}"`;
  return undefined;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  return setSegments(target, path.split("."), 0, value) as Record<string, unknown>;
}

export function removePath(target: Record<string, unknown>, path: string): Record<string, unknown> {
  return removeSegments(target, path.split("."), 0) as Record<string, unknown>;
}

function setSegments(container: unknown, segments: string[], at: number, value: unknown): unknown {
  const key = segments[at];
  if (key === undefined) return value;
  if (Array.isArray(container) && isIndex(key)) {
    const copy = container.slice();
    copy[Number(key)] = setSegments(container[Number(key)], segments, at + 1, value);
    return copy;
  }
  // A missing or non-object intermediate is replaced by an object, as assigning "a.b" implies one.
  const base = isPlainObject(container) ? container : {};
  return { ...base, [key]: setSegments(base[key], segments, at + 1, value) };
}

function removeSegments(container: unknown, segments: string[], at: number): unknown {
  const key = segments[at];
  if (key === undefined) return container;
  const last = at === segments.length - 1;
  if (Array.isArray(container) && isIndex(key)) {
    const index = Number(key);
    if (index >= container.length) return container;
    if (last) return container.filter((_, i) => i !== index);
    const child: unknown = container[index];
    const updated = removeSegments(child, segments, at + 1);
    if (updated === child) return container;
    const copy = container.slice();
    copy[index] = updated;
    return copy;
  }
  if (!isPlainObject(container) || !Object.hasOwn(container, key)) return container;
  if (last) {
    const rest = { ...container };
    delete rest[key];
    return rest;
  }
  const child = container[key];
  const updated = removeSegments(child, segments, at + 1);
  return updated === child ? container : { ...container, [key]: updated };
}

function isIndex(segment: string): boolean {
  return /^(0|[1-9]\d*)$/.test(segment);
}
