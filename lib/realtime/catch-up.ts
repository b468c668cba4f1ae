// Catch-up after a gap, a (re)subscribe, a focus or a return online: ask the server which
// executions changed since the last applied seq (GET /api/events?after=) and mark exactly those
// stale. The answer is a list of ids to refetch, never state to write into the cache.
import type { QueryKey } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";

export type MissedEvent = { seq: number; executionId: string; workflowId: string; status: string };
export type MissedEvents = { events: MissedEvent[]; lastSeq: number; hasMore: boolean };

export function catchUpUrl(after: number | null): string {
  return after === null ? "/api/events" : `/api/events?after=${after}`;
}

function isMissedEvents(value: unknown): value is MissedEvents {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.events) &&
    typeof v.lastSeq === "number" &&
    typeof v.hasMore === "boolean" &&
    v.events.every((e: unknown) => typeof e === "object" && e !== null && typeof (e as MissedEvent).executionId === "string")
  );
}

/** Fetches what changed after `after` (null: only the current seq, as a baseline). */
export async function fetchMissedEvents(after: number | null, signal?: AbortSignal): Promise<MissedEvents> {
  const response = await fetch(catchUpUrl(after), { headers: { accept: "application/json" }, signal, cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${catchUpUrl(after)}: HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!isMissedEvents(body)) throw new Error(`GET ${catchUpUrl(after)}: unexpected response shape`);
  return body;
}

/**
 * The keys a catch-up makes stale. Without a baseline (`after` null) or past the server's limit
 * (`hasMore`) anything may have changed: everything execution-related refetches.
 */
export function catchUpKeys(after: number | null, missed: MissedEvents): QueryKey[] {
  if (after === null || missed.hasMore) return [executionKeys.all];
  if (missed.events.length === 0) return [];
  const ids = new Set(missed.events.map((e) => e.executionId));
  return [executionKeys.lists(), ...[...ids].map((id) => executionKeys.detail(id))];
}
