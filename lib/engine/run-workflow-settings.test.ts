import { describe, expect, it } from "vitest";
import type { NodeHandler } from "./node-handler";
import { webhook } from "./nodes/webhook";
import { runWorkflow } from "./run-workflow";
import { customHandler, customWorkflow, fakeClock, hook, tag, triggerPayload, validated } from "./test-support";
import type { NodeSettings } from "./types";

/** A handler that throws on its first `failures` calls, then echoes its input; counts calls. */
function flaky(failures: number) {
  const calls = { count: 0 };
  const handler = customHandler("flaky", (ctx) => {
    calls.count++;
    if (calls.count <= failures) throw new Error(`failure ${calls.count}`);
    return { data: { ok: true, input: ctx.input } };
  });
  return { calls, handler };
}

function single(handler: NodeHandler, settings: NodeSettings) {
  return customWorkflow(
    [
      { id: "hook", handler: webhook },
      { id: "node", handler, settings },
    ],
    [{ from: "hook", to: "node" }],
  );
}

describe("retryOnFail", () => {
  it("retries until success, sleeping waitMs × backoff^n on the run's clock, recording every attempt", async () => {
    const { calls, handler } = flaky(2);
    const clock = fakeClock();
    const result = await runWorkflow(single(handler, { retryOnFail: { maxTries: 5, waitMs: 100, backoff: 3 } }), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      clock,
    });
    expect(result.status).toBe("completed");
    expect(calls.count).toBe(3);
    expect(clock.sleeps).toEqual([100, 300]);
    const node = result.nodeResults.at(-1);
    expect(node?.status).toBe("succeeded");
    expect(node?.attempts?.map((a) => a.error?.message)).toEqual(["failure 1", "failure 2", undefined]);
    // Each attempt starts after the backoff that preceded it (fake time advances by each sleep).
    expect(node?.attempts?.map((a) => a.startedAt.getTime() - (node.startedAt.getTime()))).toEqual([0, 100, 400]);
    expect(node?.runIndex).toBe(0);
  });

  it("gives up after maxTries with the last error, and never sleeps after the last try", async () => {
    const { calls, handler } = flaky(99);
    const clock = fakeClock();
    const result = await runWorkflow(single(handler, { retryOnFail: { maxTries: 3, waitMs: 50 } }), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      clock,
    });
    expect(result.status).toBe("failed");
    expect(calls.count).toBe(3);
    expect(clock.sleeps).toEqual([50, 50]);
    expect(result.nodeResults.at(-1)?.error?.message).toBe("failure 3");
    expect(result.nodeResults.at(-1)?.attempts).toHaveLength(3);
  });

  it("runs once and records no attempts without the setting", async () => {
    const { calls, handler } = flaky(1);
    const result = await runWorkflow(single(handler, {}), { triggerNodeId: "hook", trigger: triggerPayload(), clock: fakeClock() });
    expect(result.status).toBe("failed");
    expect(calls.count).toBe(1);
    expect(result.nodeResults.at(-1)?.attempts).toBeUndefined();
  });

  it("stops retrying when the run is cancelled during the backoff", async () => {
    const { calls, handler } = flaky(99);
    const controller = new AbortController();
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = (ms, signal) => {
      controller.abort();
      return sleep(ms, signal);
    };
    const result = await runWorkflow(single(handler, { retryOnFail: { maxTries: 5, waitMs: 10 } }), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      clock,
      signal: controller.signal,
    });
    expect(result.status).toBe("cancelled");
    expect(calls.count).toBe(1);
  });
});

describe("continueOnFail", () => {
  it("passes the error on as output data, runs the rest, and makes the run partial", async () => {
    const workflow = validated({
      nodes: [
        hook,
        { id: "stop", type: "stopAndError", parameters: { message: "bad {{ $json.body.id }}" }, settings: { continueOnFail: true } },
        { id: "after", type: "set", parameters: { fields: { seen: "{{ $json.error.message }}" } } },
      ],
      connections: [
        { from: "hook", to: "stop" },
        { from: "stop", to: "after" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ id: 3 }) });
    expect(result.status).toBe("partial");
    expect(result.failedNodes).toEqual(["stop"]);
    expect(result.executionPath).toEqual(["hook", "stop", "after"]);
    const stop = result.nodeResults[1];
    expect(stop).toMatchObject({ status: "failed", error: { name: "StopAndError", message: "bad 3" } });
    expect(stop?.data).toEqual({ error: { message: "bad 3", name: "StopAndError" } });
    expect(result.nodeResults[2]?.data).toEqual({ error: { message: "bad 3", name: "StopAndError" }, seen: "bad 3" });
    expect(result.error?.message).toContain('"stop"');
  });

  it("sends the error out of a branching node's first output", async () => {
    const workflow = validated({
      nodes: [
        hook,
        { id: "check", type: "if", parameters: { condition: '{{ $error("no") }}' }, settings: { continueOnFail: true } },
        tag("yes"),
        tag("no"),
      ],
      connections: [
        { from: "hook", to: "check" },
        { from: "check", to: "yes", output: "true" },
        { from: "check", to: "no", output: "false" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.status).toBe("partial");
    expect(result.executionPath).toEqual(["hook", "check", "yes"]);
  });
});

describe("timeoutMs", () => {
  it("fails a node that runs too long with a TimeoutError and aborts its signal", async () => {
    let seen: AbortSignal | undefined;
    const stuck = customHandler("stuck", (ctx) => {
      seen = ctx.signal;
      return new Promise(() => undefined); // ignores its signal: the engine must not wait for it
    });
    const startedMs = performance.now();
    const result = await runWorkflow(single(stuck, { timeoutMs: 30 }), { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(performance.now() - startedMs).toBeLessThan(2000);
    expect(result.status).toBe("failed");
    expect(result.nodeResults.at(-1)?.error).toMatchObject({ name: "TimeoutError", message: 'node "node" timed out after 30 ms (timeoutMs)' });
    expect(seen?.aborted).toBe(true);
  });

  it("stops an in-flight wait, and combines with continueOnFail", async () => {
    const workflow = validated({
      nodes: [hook, { id: "pause", type: "wait", parameters: { ms: 10_000 }, settings: { timeoutMs: 20, continueOnFail: true } }, tag("after")],
      connections: [
        { from: "hook", to: "pause" },
        { from: "pause", to: "after" },
      ],
    });
    const startedMs = performance.now();
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(performance.now() - startedMs).toBeLessThan(2000);
    expect(result.status).toBe("partial");
    expect(result.nodeResults[1]?.data).toEqual({ error: { name: "TimeoutError", message: 'node "pause" timed out after 20 ms (timeoutMs)' } });
    expect(result.executionPath).toEqual(["hook", "pause", "after"]);
  });

  it("applies to each try separately when retrying", async () => {
    let calls = 0;
    const slowOnce = customHandler("slowOnce", (ctx) => {
      calls++;
      return calls === 1 ? new Promise(() => undefined) : { data: ctx.input };
    });
    const clock = fakeClock();
    const result = await runWorkflow(single(slowOnce, { timeoutMs: 20, retryOnFail: { maxTries: 2, waitMs: 5 } }), {
      triggerNodeId: "hook",
      trigger: triggerPayload(),
      clock,
    });
    expect(result.status).toBe("completed");
    expect(result.nodeResults.at(-1)?.attempts?.map((a) => a.error?.name)).toEqual(["TimeoutError", undefined]);
    expect(clock.sleeps).toEqual([5]);
  });
});
