import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A runner that cannot renew its lease must stop before the lease runs out: after that another
// runner may hold the run, and anything this one starts would repeat what that one commits.
const renewLease = vi.fn<() => Promise<boolean>>();
vi.mock("./lifecycle/execution-lifecycle", () => ({ LEASE_SECONDS: 2, renewLease: () => renewLease() }));

const { BEAT_MS, ExecutionStoppedError, LeaseLostError, startHeartbeat } = await import("./heartbeat");
const run = { executionId: "e1", userId: "u1", attempt: 1 } as never;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
  renewLease.mockReset();
});
afterEach(() => vi.useRealTimers());

describe("heartbeat", () => {
  it("keeps the run while renewals succeed", async () => {
    renewLease.mockResolvedValue(true);
    const beat = startHeartbeat(run);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(beat.signal.aborted).toBe(false);
    expect(renewLease.mock.calls.length).toBeGreaterThanOrEqual(10_000 / BEAT_MS - 1);
    beat.stop();
  });

  it("stops the run with LeaseLostError once the lease would run out unrenewed (the database hangs)", async () => {
    renewLease.mockReturnValue(new Promise<boolean>(() => {}));
    const beat = startHeartbeat(run);
    await vi.advanceTimersByTimeAsync(2_000 - BEAT_MS - 1);
    expect(beat.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * BEAT_MS);
    expect(beat.signal.reason).toBeInstanceOf(LeaseLostError);
    beat.stop();
  });

  it("counts from the last successful renewal when renewals start failing", async () => {
    renewLease.mockResolvedValue(true);
    const beat = startHeartbeat(run);
    await vi.advanceTimersByTimeAsync(5_000);
    renewLease.mockRejectedValue(new Error("connection refused"));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(beat.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(beat.signal.reason).toBeInstanceOf(LeaseLostError);
    beat.stop();
  });

  it("stops with ExecutionStoppedError when the row is no longer its own", async () => {
    renewLease.mockResolvedValue(false);
    const beat = startHeartbeat(run);
    await vi.advanceTimersByTimeAsync(BEAT_MS);
    expect(beat.signal.reason).toBeInstanceOf(ExecutionStoppedError);
    beat.stop();
  });
});
