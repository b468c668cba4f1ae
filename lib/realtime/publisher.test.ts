import { afterEach, describe, expect, it } from "vitest";
import { publish, setPublishTransport } from "./publisher";

const USER = "00000000-0000-4000-8000-000000000001";
const started = { userId: USER, name: "executionStarted" as const, data: { executionId: "e1", workflowId: "w1", startedAt: "2026-01-01T00:00:00.000Z", seq: 1 } };
const completed = { userId: USER, name: "executionCompleted" as const, data: { executionId: "e1", workflowId: "w1", status: "SUCCEEDED" as const, duration: 3, seq: 2 } };
const numbered = (seq: number) => ({ ...completed, data: { ...completed.data, executionId: `e${seq}`, seq } });

describe("publisher", () => {
  // Whatever a test left queued goes nowhere, not to a real server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("sends a short run's start and completion in one batch_events call", async () => {
    const calls: string[][] = [];
    setPublishTransport(async (batch) => calls.push(batch.map((event) => event.name)));
    const first = publish(started);
    // A short run finishes a few ms after it started.
    await new Promise((r) => setTimeout(r, 3));
    await Promise.all([first, publish(completed)]);
    expect(calls).toEqual([["executionStarted", "executionCompleted"]]);
  });

  it("sends a full batch without waiting out the window", async () => {
    const calls: number[] = [];
    setPublishTransport(async (batch) => calls.push(batch.length));
    // One event starts the window; nine more fill the batch while it waits.
    const first = publish(numbered(1));
    const sent = Promise.all([first, publish(...Array.from({ length: 9 }, (_, i) => numbered(i + 2)))]);
    // Well before the 15 ms window would have passed.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([10]);
    await sent;
  });

  it("never rejects when the transport fails", async () => {
    setPublishTransport(async () => {
      throw new Error("realtime down");
    });
    await expect(publish(started, completed)).resolves.toBeUndefined();
  });

  it("retries a failed call instead of dropping it, and delivers everything in order once the transport recovers", async () => {
    const delivered: number[] = [];
    let failuresLeft = 3;
    setPublishTransport(async (batch) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error("realtime down");
      }
      for (const e of batch) delivered.push((e.data as { seq: number }).seq);
    });
    await publish(...Array.from({ length: 25 }, (_, i) => numbered(i + 1)));
    await expect.poll(() => delivered.length, { timeout: 10_000 }).toBe(25);
    expect(delivered).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(failuresLeft).toBe(0);
  });
});
