import { afterEach, describe, expect, it } from "vitest";
import { publish, setPublishTransport } from "./publisher";

const USER = "00000000-0000-4000-8000-000000000001";
const started = { userId: USER, name: "executionStarted" as const, data: { executionId: "e1", workflowId: "w1", startedAt: "2026-01-01T00:00:00.000Z" } };
const completed = { userId: USER, name: "executionCompleted" as const, data: { executionId: "e1", workflowId: "w1", status: "SUCCEEDED" as const, duration: 3 } };

describe("publisher", () => {
  afterEach(() => setPublishTransport(null));

  it("sends a short run's start and completion in one batch_events call", async () => {
    const calls: string[][] = [];
    setPublishTransport(async (batch) => calls.push(batch.map((event) => event.name)));
    const first = publish(started);
    // A short run finishes a few ms after it started.
    await new Promise((r) => setTimeout(r, 3));
    await Promise.all([first, publish(completed)]);
    expect(calls).toEqual([["executionStarted", "executionCompleted"]]);
  });

  it("never rejects when the transport fails", async () => {
    setPublishTransport(async () => {
      throw new Error("realtime down");
    });
    await expect(publish(started, completed)).resolves.toBeUndefined();
  });
});
