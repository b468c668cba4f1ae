// Turns a stream of "these keys are stale" signals into as few refetches as possible without
// delaying the first one: when idle, a signal flushes at once (the row shows up in the open
// history with no added wait); signals that follow within BURST_MS are held and flushed
// together, so a burst of webhook runs refetches an (infinite, multi-page) list once per window.
import type { QueryClient, QueryKey } from "@tanstack/react-query";

export const BURST_MS = 100;
// Invalidating cancels an in-flight fetch. For a plain refetch that is what we want (it may have
// read the database before the change; it restarts at once), but a "Load more" page would be
// thrown away: wait for that to land, checking this often.
const BUSY_RETRY_MS = 25;

function isPrefix(prefix: QueryKey, key: QueryKey): boolean {
  return prefix.length <= key.length && prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
}

export type InvalidationBatcher = { add(keys: QueryKey[]): void; cancel(): void };

type Client = Pick<QueryClient, "invalidateQueries" | "getQueryCache">;

function isLoadingMore(queryClient: Client, queryKey: QueryKey): boolean {
  return queryClient
    .getQueryCache()
    .findAll({ queryKey, fetchStatus: "fetching" })
    .some((query) => Boolean((query.state.fetchMeta as { fetchMore?: unknown } | null)?.fetchMore));
}

export function createInvalidationBatcher(queryClient: Client, now: () => number = Date.now): InvalidationBatcher {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlushAt = -Infinity;

  const flush = () => {
    timer = undefined;
    lastFlushAt = now();
    const keys = [...pending.values()];
    pending.clear();
    // Keys match by prefix, so ["executions"] already covers ["executions","list"].
    const covered = (key: QueryKey) => keys.some((other) => other !== key && isPrefix(other, key));
    const busy: QueryKey[] = [];
    for (const queryKey of keys) {
      if (covered(queryKey)) continue;
      if (isLoadingMore(queryClient, queryKey)) busy.push(queryKey);
      else void queryClient.invalidateQueries({ queryKey });
    }
    if (busy.length > 0) {
      for (const key of busy) pending.set(JSON.stringify(key), key);
      timer = setTimeout(flush, BUSY_RETRY_MS);
    }
  };

  return {
    add(keys) {
      if (keys.length === 0) return;
      for (const key of keys) pending.set(JSON.stringify(key), key);
      if (timer !== undefined) return;
      // A zero delay still gathers the events of one socket read (e.g. nodeExecuted and
      // executionCompleted of one statement) into one flush.
      const wait = Math.max(0, lastFlushAt + BURST_MS - now());
      timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
