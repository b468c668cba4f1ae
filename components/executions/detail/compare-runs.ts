import type { NodeRun } from "@/components/data/api-types";

export type JsonDifference = { path: string; kind: "added" | "removed" | "changed"; before?: unknown; after?: unknown };
export type NodeChangeKind = "added" | "removed" | "changed" | "unchanged";
export type NodeChange = { key: string; nodeId: string; runIndex: number; kind: NodeChangeKind; before: NodeRun | null; after: NodeRun | null; statusChanged: boolean };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

// Leaf-level differences, as JSON-pointer-ish paths; stops at `limit` so two unrelated
// multi-megabyte outputs do not produce a list nobody reads.
export function diffJson(before: unknown, after: unknown, limit = 50): JsonDifference[] {
  const out: JsonDifference[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= limit || deepEqual(a, b)) return;
    const bothArrays = Array.isArray(a) && Array.isArray(b);
    if ((isObject(a) && isObject(b)) || bothArrays) {
      const ao = a as Record<string, unknown>;
      const bo = b as Record<string, unknown>;
      const keys = bothArrays ? Array.from({ length: Math.max((a as unknown[]).length, (b as unknown[]).length) }, (_, i) => String(i)) : [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
      for (const key of keys) {
        const child = `${path}/${key}`;
        if (!Object.hasOwn(bo, key)) out.push({ path: child, kind: "removed", before: ao[key] });
        else if (!Object.hasOwn(ao, key)) out.push({ path: child, kind: "added", after: bo[key] });
        else walk(ao[key], bo[key], child);
        if (out.length >= limit) return;
      }
      return;
    }
    out.push({ path: path || "/", kind: "changed", before: a, after: b });
  };
  walk(before, after, "");
  return out;
}

const runKey = (run: NodeRun) => `${run.nodeId}#${run.runIndex}`;

// Node by node (a node that ran twice is compared run by run), in this run's order,
// with nodes only the original ran at the end.
export function compareRuns(original: NodeRun[], current: NodeRun[]): NodeChange[] {
  const before = new Map(original.map((r) => [runKey(r), r]));
  const seen = new Set<string>();
  const changes: NodeChange[] = current.map((after) => {
    const key = runKey(after);
    seen.add(key);
    const prior = before.get(key) ?? null;
    if (!prior) return { key, nodeId: after.nodeId, runIndex: after.runIndex, kind: "added", before: null, after, statusChanged: false };
    const statusChanged = prior.status !== after.status;
    const same = !statusChanged && deepEqual(prior.output, after.output) && deepEqual(prior.error?.message, after.error?.message);
    return { key, nodeId: after.nodeId, runIndex: after.runIndex, kind: same ? "unchanged" : "changed", before: prior, after, statusChanged };
  });
  for (const prior of original) {
    const key = runKey(prior);
    if (!seen.has(key)) changes.push({ key, nodeId: prior.nodeId, runIndex: prior.runIndex, kind: "removed", before: prior, after: null, statusChanged: false });
  }
  return changes;
}
