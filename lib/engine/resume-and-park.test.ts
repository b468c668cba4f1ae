import { describe, expect, it } from "vitest";
import { runWorkflow } from "./run-workflow";
import { fakeClock, hook, tag, triggerPayload, validated } from "./test-support";
import type { CompletedNode } from "./types";

const branching = validated({
  nodes: [
    hook,
    { id: "check", type: "if", parameters: { condition: "{{ $json.body.amount > 10 }}" } },
    tag("big"),
    tag("small"),
  ],
  connections: [
    { from: "hook", to: "check" },
    { from: "check", to: "big", output: "true" },
    { from: "check", to: "small", output: "false" },
  ],
});

const pausing = (ms: number) =>
  validated({
    nodes: [hook, tag("before"), { id: "pause", type: "wait", parameters: { ms } }, tag("after")],
    connections: [
      { from: "hook", to: "before" },
      { from: "before", to: "pause" },
      { from: "pause", to: "after" },
    ],
  });

describe("resume", () => {
  it("does not run completed nodes again and follows the branch they saved", async () => {
    const completed = new Map<string, CompletedNode>([
      ["hook", { status: "succeeded", output: "main", data: { body: { amount: 1 } } }],
      // Saved as having taken "true" although the trigger says otherwise: the saved branch wins.
      ["check", { status: "succeeded", output: "true", data: { body: { amount: 1 } } }],
    ]);
    const finished: string[] = [];
    const result = await runWorkflow(branching, {
      triggerNodeId: "hook",
      trigger: triggerPayload({ amount: 1 }),
      resume: { completed },
      callbacks: { onNodeFinish: (r) => void finished.push(r.nodeId) },
    });
    expect(result.status).toBe("completed");
    expect(finished).toEqual(["big"]);
    expect(result.executionPath).toEqual(["hook", "check", "big"]);
    expect(result.nodeResults.map((r) => r.nodeId)).toEqual(["big"]);
  });

  it("records the output branch each node took", async () => {
    const result = await runWorkflow(branching, { triggerNodeId: "hook", trigger: triggerPayload({ amount: 50 }) });
    expect(result.nodeResults.map((r) => [r.nodeId, r.output])).toEqual([
      ["hook", "main"],
      ["check", "true"],
      ["big", "main"],
    ]);
  });

  it("ends failed when an earlier attempt saved a failed node", async () => {
    const completed = new Map<string, CompletedNode>([["hook", { status: "failed", output: "main", data: null }]]);
    const result = await runWorkflow(branching, { triggerNodeId: "hook", trigger: triggerPayload({ amount: 50 }), resume: { completed } });
    expect(result.status).toBe("failed");
    expect(result.nodeResults).toEqual([]);
  });
});

describe("parking", () => {
  it("parks a wait longer than the threshold, without a result for the wait node", async () => {
    const clock = fakeClock();
    const finished: string[] = [];
    const result = await runWorkflow(pausing(60_000), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      clock,
      parking: { afterMs: 5_000 },
      callbacks: { onNodeFinish: (r) => void finished.push(r.nodeId) },
    });
    expect(result.status).toBe("waiting");
    expect(finished).toEqual(["hook", "before"]);
    expect(clock.sleeps).toEqual([]);
    expect(result.parked).toMatchObject({ nodeId: "pause", nodeType: "wait" });
    expect(result.parked!.resumeAt.getTime() - result.parked!.startedAt.getTime()).toBe(60_000);
  });

  it("sleeps in process when the wait is short or the caller cannot park", async () => {
    for (const opts of [{ parking: { afterMs: 5_000 } }, {}]) {
      const clock = fakeClock();
      const result = await runWorkflow(pausing(opts.parking ? 3_000 : 60_000), { triggerNodeId: "hook", trigger: triggerPayload(), clock, ...opts });
      expect(result.status).toBe("completed");
      expect(clock.sleeps).toEqual([opts.parking ? 3_000 : 60_000]);
    }
  });

  it("a resumed wait counts from when it first started and keeps that start time", async () => {
    const clock = fakeClock();
    const startedAt = new Date(clock.now().getTime() - 58_000);
    const completed = new Map<string, CompletedNode>([
      ["hook", { status: "succeeded", output: "main", data: {} }],
      ["before", { status: "succeeded", output: "main", data: { seen: { before: true } } }],
    ]);
    const result = await runWorkflow(pausing(60_000), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      clock,
      parking: { afterMs: 5_000 },
      resume: { completed, waiting: { nodeId: "pause", startedAt } },
    });
    expect(result.status).toBe("completed");
    // 2 s were left of the 60 s wait.
    expect(clock.sleeps).toEqual([2_000]);
    const pause = result.nodeResults.find((r) => r.nodeId === "pause");
    expect(pause?.startedAt).toEqual(startedAt);
    expect(result.executionPath).toEqual(["hook", "before", "pause", "after"]);
  });
});
