import { describe, expect, it } from "vitest";
import { webhook } from "./nodes/webhook";
import { runWorkflow } from "./run-workflow";
import { customHandler, customWorkflow, hook, tag, triggerPayload, validated } from "./test-support";
import type { NodeResult } from "./types";

describe("runWorkflow: callbacks and timing", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const slow = customHandler("slow", async (ctx) => {
    await sleep(5);
    return { data: ctx.input };
  });

  it("calls onNodeStart/onNodeFinish in order, awaited, with real increasing timestamps", async () => {
    const workflow = customWorkflow(
      [
        { id: "hook", handler: webhook },
        { id: "one", handler: slow },
        { id: "two", handler: slow },
      ],
      [
        { from: "hook", to: "one" },
        { from: "one", to: "two" },
      ],
    );
    const events: string[] = [];
    const finished: NodeResult[] = [];
    // Collected, asserted after the run: the runner swallows what a callback throws (next test).
    const starts: { nodeId: string; startedAt: unknown }[] = [];
    const before = Date.now();
    const result = await runWorkflow(workflow, {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      callbacks: {
        onNodeStart: (e) => {
          events.push(`start:${e.nodeId}:${e.nodeType}`);
          starts.push({ nodeId: e.nodeId, startedAt: e.startedAt });
        },
        onNodeFinish: async (r) => {
          await sleep(2); // awaited: the next start must not be recorded before this push
          events.push(`finish:${r.nodeId}:${r.status}`);
          finished.push(r);
        },
      },
    });
    const after = Date.now();

    expect(events).toEqual([
      "start:hook:webhook",
      "finish:hook:succeeded",
      "start:one:slow",
      "finish:one:succeeded",
      "start:two:slow",
      "finish:two:succeeded",
    ]);
    expect(finished).toEqual(result.nodeResults);
    // onNodeStart got the same start time the node's result carries.
    expect(starts).toEqual(result.nodeResults.map((r) => ({ nodeId: r.nodeId, startedAt: r.startedAt })));
    for (const r of result.nodeResults) {
      expect(r.startedAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(r.finishedAt.getTime()).toBeLessThanOrEqual(after);
      expect(r.finishedAt.getTime()).toBeGreaterThanOrEqual(r.startedAt.getTime());
    }
    for (let i = 1; i < result.nodeResults.length; i++) {
      expect(result.nodeResults[i]!.startedAt.getTime()).toBeGreaterThan(result.nodeResults[i - 1]!.finishedAt.getTime());
    }
    const one = result.nodeResults[1];
    expect(one?.durationMs).toBeGreaterThanOrEqual(4);
    expect(one?.finishedAt.getTime()).toBeGreaterThan(one?.startedAt.getTime() ?? Infinity);
    expect(result.nodeResults.some((r) => !Number.isInteger(r.durationMs))).toBe(true);
  });

  it("keeps running when a callback throws or rejects", async () => {
    const workflow = validated({ nodes: [hook, tag("a"), tag("b")], connections: [{ from: "hook", to: "a" }, { from: "a", to: "b" }] });
    const result = await runWorkflow(workflow, {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      callbacks: {
        onNodeStart: () => {
          throw new Error("database down");
        },
        onNodeFinish: () => Promise.reject(new Error("pusher down")),
      },
    });
    expect(result.status).toBe("completed");
    expect(result.executionPath).toEqual(["hook", "a", "b"]);
  });
});

describe("runWorkflow: cancellation", () => {
  const chain = () => validated({ nodes: [hook, tag("a"), tag("b")], connections: [{ from: "hook", to: "a" }, { from: "a", to: "b" }] });

  it("stops at the next node boundary once aborted", async () => {
    const controller = new AbortController();
    const result = await runWorkflow(chain(), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      signal: controller.signal,
      callbacks: { onNodeFinish: (r) => (r.nodeId === "a" ? controller.abort() : undefined) },
    });
    expect(result.status).toBe("cancelled");
    expect(result.executionPath).toEqual(["hook", "a"]);
    expect(result.failedNodes).toEqual([]);
    expect(result.error?.message).toBe("Run cancelled");
  });

  it("runs nothing when the signal is already aborted", async () => {
    const result = await runWorkflow(chain(), { triggerNodeId: "hook", trigger: triggerPayload(), signal: AbortSignal.abort("shutdown") });
    expect(result.status).toBe("cancelled");
    expect(result.nodeResults).toEqual([]);
    expect(result.error?.message).toBe("Run cancelled: shutdown");
  });

  it("passes the signal to execute; a node failing because of the abort makes the run cancelled", async () => {
    const controller = new AbortController();
    const waiter = customHandler("waiter", (ctx) => {
      return new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason as Error)));
    });
    const workflow = customWorkflow([{ id: "hook", handler: webhook }, { id: "wait", handler: waiter }], [{ from: "hook", to: "wait" }]);
    const running = runWorkflow(workflow, {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      signal: controller.signal,
      callbacks: { onNodeStart: (e) => (e.nodeId === "wait" ? void setTimeout(() => controller.abort(), 1) : undefined) },
    });
    const result = await running;
    expect(result.status).toBe("cancelled");
    expect(result.nodeResults.at(-1)).toMatchObject({ nodeId: "wait", status: "cancelled", error: { name: "CancelledError", message: "Cancelled while running" } });
    expect(result.nodeResults.at(-1)?.error?.stack).toBeUndefined();
  });
});
