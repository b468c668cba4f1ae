import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QueryCache, QueryKey } from "@tanstack/react-query";
import { executionKeys } from "@/lib/query-keys";
import { BURST_MS, createInvalidationBatcher } from "./invalidation-batcher";

// `loadingMore`: a "Load more" page of an infinite list is in flight.
function fakeClient(loadingMore: () => boolean = () => false) {
  const invalidated: QueryKey[] = [];
  return {
    invalidated,
    client: {
      invalidateQueries: (filters?: { queryKey?: QueryKey }) => {
        invalidated.push(filters?.queryKey ?? []);
        return Promise.resolve();
      },
      getQueryCache: () =>
        ({ findAll: () => (loadingMore() ? [{ state: { fetchMeta: { fetchMore: { direction: "forward" } } } }] : [{ state: { fetchMeta: null } }]) }) as unknown as QueryCache,
    },
  };
}

describe("createInvalidationBatcher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("flushes the first signal at once when idle", () => {
    const { client, invalidated } = fakeClient();
    const batcher = createInvalidationBatcher(client, () => Date.now());
    batcher.add([executionKeys.lists(), executionKeys.detail("a")]);
    vi.advanceTimersByTime(0);
    expect(invalidated).toEqual([executionKeys.lists(), executionKeys.detail("a")]);
  });

  it("coalesces a burst into one more flush after the window", () => {
    const { client, invalidated } = fakeClient();
    const batcher = createInvalidationBatcher(client, () => Date.now());
    batcher.add([executionKeys.lists()]);
    vi.advanceTimersByTime(0);
    for (const id of ["a", "b", "c"]) {
      vi.advanceTimersByTime(10);
      batcher.add([executionKeys.lists(), executionKeys.detail(id)]);
    }
    expect(invalidated).toHaveLength(1);
    vi.advanceTimersByTime(BURST_MS);
    expect(invalidated.filter((k) => k === executionKeys.lists() || JSON.stringify(k) === JSON.stringify(executionKeys.lists()))).toHaveLength(2);
    expect(invalidated).toHaveLength(5);
  });

  it("skips keys covered by a pending prefix", () => {
    const { client, invalidated } = fakeClient();
    const batcher = createInvalidationBatcher(client, () => Date.now());
    batcher.add([executionKeys.lists(), executionKeys.detail("a"), executionKeys.all]);
    vi.advanceTimersByTime(0);
    expect(invalidated).toEqual([executionKeys.all]);
  });

  it("waits for an in-flight 'Load more' page instead of cancelling it", () => {
    let busy = true;
    const { client, invalidated } = fakeClient(() => busy);
    const batcher = createInvalidationBatcher(client, () => Date.now());
    batcher.add([executionKeys.lists()]);
    vi.advanceTimersByTime(200);
    expect(invalidated).toHaveLength(0);
    busy = false;
    vi.advanceTimersByTime(50);
    expect(invalidated).toEqual([executionKeys.lists()]);
  });

  it("cancel drops what is pending", () => {
    const { client, invalidated } = fakeClient();
    const batcher = createInvalidationBatcher(client, () => Date.now());
    batcher.add([executionKeys.lists()]);
    batcher.cancel();
    vi.advanceTimersByTime(1000);
    expect(invalidated).toHaveLength(0);
  });
});
