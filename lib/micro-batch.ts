// Group commit for the hot path. Callers hand in one item each and await their own
// result; items that arrive while a batch is being written share the next statement.
// At low load a batch holds one item and nothing waits (the flush is scheduled on the
// same tick); under load, N concurrent webhooks cost one round trip instead of N.
// A failed batch is retried item by item, so one bad row fails only its own caller.

export type MicroBatchOptions<I, O> = {
  name: string;
  maxBatch: number;
  /** Batches in flight at once; more overlap round trips, fewer make bigger batches. */
  concurrency?: number;
  /** Must return one result per item, in order. */
  run: (items: I[]) => Promise<O[]>;
};

type Pending<I, O> = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export function microBatch<I, O>(options: MicroBatchOptions<I, O>): (item: I) => Promise<O> {
  const concurrency = options.concurrency ?? 1;
  let queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function runBatch(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await options.run(batch.map((p) => p.item));
      if (results.length !== batch.length) throw new Error(`${options.name}: ${results.length} results for ${batch.length} items`);
      batch.forEach((p, i) => p.resolve(results[i] as O));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Isolate the failing item(s): each caller gets its own outcome.
      await Promise.all(batch.map((p) => runBatch([p])));
    }
  }

  function pump(): void {
    scheduled = false;
    while (queue.length > 0 && inFlight < concurrency) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        if (queue.length > 0) schedule();
      });
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  }

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
