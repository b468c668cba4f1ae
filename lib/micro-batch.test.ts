import { describe, expect, it } from "vitest";
import { microBatch } from "./micro-batch";

describe("microBatch", () => {
  it("runs items that arrive together as one batch and gives each caller its own result", async () => {
    const batches: number[][] = [];
    const double = microBatch<number, number>({ name: "t", maxBatch: 10, run: async (items) => (batches.push(items), items.map((i) => i * 2)) });
    const results = await Promise.all([1, 2, 3].map(double));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("collects items that arrive while a batch is in flight into the next batch, up to maxBatch", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const echo = microBatch<number, number>({
      name: "t",
      maxBatch: 3,
      run: async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
    });
    const first = echo(0);
    await new Promise((r) => setImmediate(r));
    const later = [1, 2, 3, 4].map(echo);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  it("retries a failed batch item by item so only the bad item fails", async () => {
    const calls: number[][] = [];
    const check = microBatch<number, number>({
      name: "t",
      maxBatch: 10,
      run: async (items) => {
        calls.push(items);
        if (items.includes(13)) throw new Error("unlucky");
        return items;
      },
    });
    const results = await Promise.allSettled([12, 13, 14].map(check));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(calls).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it("rejects every caller when the batch returns the wrong number of results", async () => {
    const broken = microBatch<number, number>({ name: "t", maxBatch: 10, run: async () => [] });
    await expect(broken(1)).rejects.toThrow(/0 results for 1 items/);
  });
});
