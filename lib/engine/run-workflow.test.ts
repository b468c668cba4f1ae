import { describe, expect, it } from "vitest";
import { webhook } from "./nodes/webhook";
import { runWorkflow } from "./run-workflow";
import { customHandler, customWorkflow, hook, tag, triggerPayload, validated } from "./test-support";

describe("runWorkflow: order and branching", () => {
  it("runs a diamond in dependency order, the join once, fed by its first taken connection", async () => {
    // Declared in reverse so that definition order alone would give the wrong answer.
    const workflow = validated({
      nodes: [tag("join"), tag("right"), tag("left"), hook],
      connections: [
        { from: "hook", to: "left" },
        { from: "hook", to: "right" },
        { from: "right", to: "join" },
        { from: "left", to: "join" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ n: 1 }) });

    expect(result.status).toBe("completed");
    expect(result.executionPath).toEqual(["hook", "right", "left", "join"]);
    expect(result.nodeResults.map((r) => r.nodeId)).toEqual(result.executionPath);
    const join = result.nodeResults.find((r) => r.nodeId === "join");
    // right→join is listed before left→join, so the join's input is right's output.
    expect(join?.input).toMatchObject({ seen: { right: true } });
    expect(join?.input).not.toHaveProperty("seen.left");
    expect(result.lastNodeId).toBe("join");
  });

  const branching = {
    nodes: [
      hook,
      { id: "check", type: "if", parameters: { condition: "{{ $json.body.amount > 100 }}" } },
      tag("big"),
      tag("bigAfter"),
      tag("small"),
      tag("join"),
    ],
    connections: [
      { from: "hook", to: "check" },
      { from: "check", to: "big", output: "true" },
      { from: "big", to: "bigAfter" },
      { from: "check", to: "small", output: "false" },
      { from: "bigAfter", to: "join" },
      { from: "small", to: "join" },
    ],
  };

  it("runs only the taken branch of an if; skipped nodes are absent from results", async () => {
    const workflow = validated(branching);
    const big = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ amount: 500 }) });
    expect(big.executionPath).toEqual(["hook", "check", "big", "bigAfter", "join"]);
    expect(big.nodeResults.some((r) => r.nodeId === "small")).toBe(false);

    const small = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ amount: 5 }) });
    expect(small.executionPath).toEqual(["hook", "check", "small", "join"]);
    expect(small.nodeResults.map((r) => r.nodeId)).not.toContain("big");
    expect(small.nodeResults.map((r) => r.nodeId)).not.toContain("bigAfter");
  });

  it("still runs a join after an if when only one of its parents ran", async () => {
    const result = await runWorkflow(validated(branching), { triggerNodeId: "hook", trigger: triggerPayload({ amount: 5 }) });
    expect(result.status).toBe("completed");
    const join = result.nodeResults.find((r) => r.nodeId === "join");
    expect(join?.status).toBe("succeeded");
    expect(join?.input).toMatchObject({ seen: { small: true } });
    expect(result.lastNodeId).toBe("join");
  });

  it("passes an if's input through unchanged", async () => {
    const result = await runWorkflow(validated(branching), { triggerNodeId: "hook", trigger: triggerPayload({ amount: 5 }) });
    const check = result.nodeResults.find((r) => r.nodeId === "check");
    expect(check?.data).toBe(check?.input);
  });

  it("starts from the given trigger only; other triggers do not run", async () => {
    const workflow = validated({
      nodes: [hook, { id: "other", type: "webhook", parameters: { path: "other" } }, tag("a"), tag("b")],
      connections: [
        { from: "hook", to: "a" },
        { from: "other", to: "b" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "other", trigger: triggerPayload() });
    expect(result.executionPath).toEqual(["other", "b"]);
  });

  it("throws a clear error for a missing or non-trigger start node", async () => {
    const workflow = validated({ nodes: [hook, tag("a")], connections: [{ from: "hook", to: "a" }] });
    await expect(runWorkflow(workflow, { triggerNodeId: "nope", trigger: triggerPayload() })).rejects.toThrow(
      'trigger node "nope" does not exist',
    );
    await expect(runWorkflow(workflow, { triggerNodeId: "a", trigger: triggerPayload() })).rejects.toThrow(
      'node "a" is a set node, not a trigger',
    );
  });
});

describe("runWorkflow: failures", () => {
  it("stops at a failing node, records its error and runs nothing after it", async () => {
    const workflow = validated({
      nodes: [hook, tag("before"), { id: "boom", type: "set", parameters: { fields: { x: '{{ $error("card declined") }}' } } }, tag("after")],
      connections: [
        { from: "hook", to: "before" },
        { from: "before", to: "boom" },
        { from: "boom", to: "after" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });

    expect(result.status).toBe("failed");
    expect(result.failedNodes).toEqual(["boom"]);
    expect(result.executionPath).toEqual(["hook", "before", "boom"]);
    expect(result.lastNodeId).toBe("boom");
    const failed = result.nodeResults.at(-1);
    expect(failed?.status).toBe("failed");
    expect(failed?.data).toBeUndefined();
    expect(failed?.error?.name).toBe("ExpressionError");
    expect(failed?.error?.message).toBe(`Parameter "fields.x": expression "{{ $error("card declined") }}" failed: card declined`);
    // A host error's stack (server file paths) is logged, never stored.
    expect(failed?.error?.stack).toBeUndefined();
    expect(result.error?.message).toBe(`node "boom" (set) failed: ${failed?.error?.message}`);
  });

  it("serialises thrown non-Error values", async () => {
    const cases: [unknown, { message: string; name: string }][] = [
      ["just a string", { message: "just a string", name: "Error" }],
      [42, { message: "42", name: "Error" }],
      [{ code: "E_CODE" }, { message: '{"code":"E_CODE"}', name: "Error" }],
      // Errors from another realm (a sandbox) fail `instanceof Error` but keep their name.
      [{ name: "TypeError", message: "x is not a function" }, { message: "x is not a function", name: "TypeError" }],
    ];
    for (const [thrown, expected] of cases) {
      const workflow = customWorkflow(
        [
          { id: "hook", handler: webhook },
          {
            id: "thrower",
            handler: customHandler("thrower", () => {
              throw thrown;
            }),
          },
        ],
        [{ from: "hook", to: "thrower" }],
      );
      const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
      expect(result.status).toBe("failed");
      expect(result.nodeResults.at(-1)?.error).toEqual(expected);
    }
  });

  it("fails a node that returns an output it does not declare", async () => {
    const workflow = customWorkflow(
      [
        { id: "hook", handler: webhook },
        { id: "odd", handler: customHandler("odd", () => ({ data: 1, output: "sideways" })) },
      ],
      [{ from: "hook", to: "odd" }],
    );
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.status).toBe("failed");
    expect(result.nodeResults.at(-1)?.error?.message).toContain('output "sideways"');
  });

  it("fails $node() for a node that has not run, naming it", async () => {
    const workflow = validated({
      nodes: [hook, { id: "check", type: "if", parameters: { condition: false } }, tag("never"), { id: "use", type: "set", parameters: { fields: { v: '{{ $node("never") }}' } } }],
      connections: [
        { from: "hook", to: "check" },
        { from: "check", to: "never", output: "true" },
        { from: "check", to: "use", output: "false" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload() });
    expect(result.status).toBe("failed");
    expect(result.nodeResults.at(-1)?.error?.message).toContain('$node("never"): node "never" has not run');
  });
});
