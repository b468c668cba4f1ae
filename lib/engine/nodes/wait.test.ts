import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { fakeClock, hook, tag, triggerPayload, validated } from "../test-support";

const waiting = (ms: unknown) =>
  validated({
    nodes: [hook, { id: "pause", type: "wait", parameters: { ms } }, tag("after")],
    connections: [
      { from: "hook", to: "pause" },
      { from: "pause", to: "after" },
    ],
  });

describe("wait node", () => {
  it("sleeps through the run's clock for the resolved delay and passes its input on", async () => {
    const clock = fakeClock();
    const result = await runWorkflow(waiting("{{ $json.body.delay * 2 }}"), { triggerNodeId: "hook", trigger: triggerPayload({ delay: 750 }), clock });
    expect(result.status).toBe("completed");
    expect(clock.sleeps).toEqual([1500]);
    const pause = result.nodeResults.find((r) => r.nodeId === "pause");
    expect(pause?.data).toBe(pause?.input);
    // Time moved by exactly the wait on the fake clock.
    expect((pause?.finishedAt.getTime() ?? 0) - (pause?.startedAt.getTime() ?? 0)).toBe(1500);
  });

  it("fails the node, naming the limit, when the delay exceeds limits.maxWaitMs", async () => {
    const clock = fakeClock();
    const result = await runWorkflow(waiting(60_000), { triggerNodeId: "hook", trigger: triggerPayload(), clock, limits: { maxWaitMs: 1000 } });
    expect(result.status).toBe("failed");
    expect(clock.sleeps).toEqual([]);
    expect(result.nodeResults.at(-1)?.error?.message).toBe("wait: 60000 ms is longer than the server limit of 1000 ms (limits.maxWaitMs)");
  });

  it("fails on a delay expression that is not a whole number", async () => {
    const result = await runWorkflow(waiting("{{ 'soon' }}"), { triggerNodeId: "hook", trigger: triggerPayload(), clock: fakeClock() });
    expect(result.nodeResults.at(-1)?.error?.message).toBe('wait: ms must be a whole number of milliseconds >= 0, got "soon"');
  });

  it("is cancelled promptly while sleeping on the real clock", async () => {
    const controller = new AbortController();
    const startedMs = performance.now();
    const result = await runWorkflow(waiting(10_000), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      signal: controller.signal,
      callbacks: { onNodeStart: (e) => (e.nodeId === "pause" ? void setTimeout(() => controller.abort(), 20) : undefined) },
    });
    expect(performance.now() - startedMs).toBeLessThan(2000);
    expect(result.status).toBe("cancelled");
    expect(result.executionPath).toEqual(["hook", "pause"]);
    expect(result.nodeResults.at(-1)).toMatchObject({ nodeId: "pause", status: "cancelled", error: { name: "CancelledError" } });
  });
});
