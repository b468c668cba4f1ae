import { afterAll, describe, expect, it } from "vitest";
import { SandboxPool, type SandboxResult } from "./sandbox-pool";

// Two workers, as on a two-core server. User A's scripts spin until their time limit; user B's
// script must not wait for them. Asserted on order and state, not on time: when B's result
// arrives, none of A's scripts has finished (each would only end at its 20 s limit).

describe("code workers are shared fairly between users", () => {
  const pool = new SandboxPool(2, false);
  const cancel = new AbortController();
  afterAll(() => cancel.abort());

  const start = (tenant: string, source: string, timeoutMs: number) => {
    const state: { settled?: SandboxResult } = {};
    const promise = pool.run({ source, globals: {}, timeoutMs, memoryLimitBytes: 8 * 1024 * 1024, tenant }, cancel.signal).then((result) => (state.settled = result));
    return { state, promise };
  };

  it("runs another user's quick script while one user's infinite loops fill the queue", async () => {
    const attacker = [1, 2, 3].map(() => start("user-a", "for (;;) {}", 20_000));
    const quick = start("user-b", "({ ok: 40 + 2 })", 20_000);
    const result = await quick.promise;
    expect(result).toEqual({ ok: true, result: { ok: 42 }, logs: [] });
    expect(attacker.map((a) => a.state.settled)).toEqual([undefined, undefined, undefined]);
    cancel.abort();
    const ended = await Promise.all(attacker.map((a) => a.promise));
    expect(ended.map((r) => r.ok === false && r.kind)).toEqual(["aborted", "aborted", "aborted"]);
  }, 30_000);

  it("lets one user use every worker but one, and serves waiting users in turn", async () => {
    const fair = new SandboxPool(3, false);
    const signal = new AbortController();
    const order: string[] = [];
    const run = (tenant: string, source: string) =>
      fair.run({ source, globals: {}, timeoutMs: 20_000, memoryLimitBytes: 8 * 1024 * 1024, tenant }, signal.signal).then((r) => {
        order.push(tenant);
        return r;
      });
    try {
      // A holds two of three workers with loops; B's three quick scripts share the third in turn
      // with C's, so C's first one is not queued behind all of B's.
      const loops = [run("a", "for (;;) {}"), run("a", "for (;;) {}")];
      const quick = [run("b", "1"), run("b", "2"), run("b", "3"), run("c", "4")];
      await Promise.all(quick);
      expect(order.indexOf("c")).toBeLessThan(3);
      expect(order).not.toContain("a");
      signal.abort();
      await Promise.all(loops);
    } finally {
      signal.abort();
    }
  }, 30_000);
});
