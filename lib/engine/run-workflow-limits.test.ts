import { describe, expect, it } from "vitest";
import { runWorkflow } from "./run-workflow";
import { hook, tag, triggerPayload, validated } from "./test-support";
import { validateWorkflow } from "./validate-workflow";

describe("limits.maxRunMs", () => {
  it("fails the run naming the limit and aborts the node in flight", async () => {
    const workflow = validated({
      nodes: [hook, { id: "pause", type: "wait", parameters: { ms: 10_000 } }, tag("after")],
      connections: [
        { from: "hook", to: "pause" },
        { from: "pause", to: "after" },
      ],
    });
    const startedMs = performance.now();
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload(), limits: { maxRunMs: 40 } });
    expect(performance.now() - startedMs).toBeLessThan(2000);
    expect(result.status).toBe("failed");
    expect(result.error?.message).toBe("run exceeded the maximum run time of 40 ms (limits.maxRunMs)");
    expect(result.failedNodes).toEqual(["pause"]);
    expect(result.executionPath).toEqual(["hook", "pause"]);
    expect(result.nodeResults.at(-1)?.error?.name).toBe("RunTimeoutError");
  });

  it("is not confused with cancellation, and does not apply continueOnFail", async () => {
    const workflow = validated({
      nodes: [hook, { id: "pause", type: "wait", parameters: { ms: 10_000 }, settings: { continueOnFail: true } }, tag("after")],
      connections: [
        { from: "hook", to: "pause" },
        { from: "pause", to: "after" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload(), limits: { maxRunMs: 20 } });
    expect(result.status).toBe("failed");
    expect(result.executionPath).not.toContain("after");
  });
});

describe("limits.maxOutputBytes", () => {
  const big = (text: string) =>
    validated({
      nodes: [
        hook,
        { id: "make", type: "set", parameters: { keepInput: false, fields: { text } } },
        { id: "measure", type: "set", parameters: { keepInput: false, fields: { length: "{{ $length($json.text) }}" } } },
      ],
      connections: [
        { from: "hook", to: "make" },
        { from: "make", to: "measure" },
      ],
    });

  it("stores a marker with the UTF-8 size and a preview, while downstream nodes get the real data", async () => {
    // "é" is two bytes in UTF-8: {"text":"éé…"} is 11 bytes of JSON plus 2 per character.
    const result = await runWorkflow(big("é".repeat(200)), { triggerNodeId: "hook", trigger: triggerPayload(), limits: { maxOutputBytes: 100 } });
    expect(result.status).toBe("completed");
    const make = result.nodeResults[1];
    expect(make?.truncated).toBe(true);
    expect(make?.data).toEqual({ truncated: true, size: 411, preview: JSON.stringify({ text: "é".repeat(200) }).slice(0, 1000) });
    const measure = result.nodeResults[2];
    expect(measure?.data).toEqual({ length: 200 });
    // The downstream node's stored input is the same marker, so the big value is stored nowhere.
    expect(measure?.input).toBe(make?.data);
    expect(measure?.truncated).toBe(true);
    // A `lastNode` response needs the real value of the last node.
    expect(result.lastData).toEqual({ length: 200 });
  });

  it("keeps outputs at or under the limit as they are", async () => {
    const result = await runWorkflow(big("abc"), { triggerNodeId: "hook", trigger: triggerPayload(), limits: { maxOutputBytes: 14 } });
    expect(result.nodeResults[1]?.data).toEqual({ text: "abc" });
    // `measure` stores 14 bytes of input and a smaller output: nothing of it is truncated.
    expect(result.nodeResults[2]?.input).toEqual({ text: "abc" });
    expect(result.nodeResults[2]?.truncated).toBeUndefined();
    // `make`'s own input, the trigger payload, is over 14 bytes and is stored as a marker.
    expect(result.nodeResults[1]?.input).toMatchObject({ truncated: true });
    const over = await runWorkflow(big("abc"), { triggerNodeId: "hook", trigger: triggerPayload(), limits: { maxOutputBytes: 13 } });
    expect(over.nodeResults[1]?.data).toMatchObject({ truncated: true, size: 14 });
  });
});

describe("limits.maxNodes", () => {
  const nodes = (count: number) => [hook, ...Array.from({ length: count - 1 }, (_, i) => tag(`n${i}`))];

  it("is a validation issue at save, with a default of 200", () => {
    expect(validateWorkflow({ nodes: nodes(200), connections: [] }).ok).toBe(true);
    const tooMany = validateWorkflow({ nodes: nodes(201), connections: [] });
    expect(tooMany.ok ? [] : tooMany.issues).toEqual([{ path: "nodes", message: "workflow has 201 nodes; the limit is 200 (maxNodes)" }]);
    const custom = validateWorkflow({ nodes: nodes(4), connections: [] }, { maxNodes: 3 });
    expect(custom.ok ? [] : custom.issues.map((i) => i.message)).toEqual(["workflow has 4 nodes; the limit is 3 (maxNodes)"]);
  });

  it("also fails a run of a saved workflow that is over a lower server limit, running nothing", async () => {
    const result = await runWorkflow(validated({ nodes: nodes(4), connections: [] }), { triggerNodeId: "hook", trigger: triggerPayload(), limits: { maxNodes: 3 } });
    expect(result.status).toBe("failed");
    expect(result.nodeResults).toEqual([]);
    expect(result.error?.message).toBe("workflow has 4 nodes; the limit is 3 (limits.maxNodes)");
  });
});

describe("node settings validation", () => {
  const withSettings = (settings: unknown) => validateWorkflow({ nodes: [hook, { id: "s", type: "noop", parameters: {}, settings }], connections: [] });
  const issuesFor = (settings: unknown) => {
    const result = withSettings(settings);
    return result.ok ? [] : result.issues;
  };

  it("accepts valid settings and applies defaults in the plan", () => {
    const result = withSettings({ retryOnFail: { maxTries: 3 }, continueOnFail: true, timeoutMs: 500 });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.workflow.plan.steps[1]?.settings).toEqual({ retry: { maxTries: 3, waitMs: 1000, backoff: 1 }, continueOnFail: true, timeoutMs: 500 });
    expect(withSettings(null).ok).toBe(true);
  });

  it.each([
    [{ retryOnFail: { maxTries: 0 } }, "nodes[1].settings.retryOnFail.maxTries"],
    [{ retryOnFail: { maxTries: 11 } }, "nodes[1].settings.retryOnFail.maxTries"],
    [{ retryOnFail: { maxTries: 2, backoff: 0.5 } }, "nodes[1].settings.retryOnFail.backoff"],
    [{ retryOnFail: { maxTries: 2, waitMs: -1 } }, "nodes[1].settings.retryOnFail.waitMs"],
    [{ timeoutMs: 0 }, "nodes[1].settings.timeoutMs"],
    [{ continueOnFail: "yes" }, "nodes[1].settings.continueOnFail"],
    [{ retry: 3 }, "nodes[1].settings"],
    ["fast", "nodes[1].settings"],
  ])("rejects %j at %s, naming the node", (settings, path) => {
    const issues = issuesFor(settings);
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]?.message).toMatch(/^node "s": setting/);
  });
});
