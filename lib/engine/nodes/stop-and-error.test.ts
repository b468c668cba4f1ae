import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { hook, tag, triggerPayload, validated } from "../test-support";

describe("stopAndError node", () => {
  it("fails the run with its resolved message and runs nothing after it", async () => {
    const workflow = validated({
      nodes: [hook, { id: "stop", type: "stopAndError", parameters: { message: "order {{ $json.body.id }} is not allowed" } }, tag("after")],
      connections: [
        { from: "hook", to: "stop" },
        { from: "stop", to: "after" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ id: 7 }) });
    expect(result.status).toBe("failed");
    expect(result.failedNodes).toEqual(["stop"]);
    expect(result.executionPath).toEqual(["hook", "stop"]);
    expect(result.nodeResults.at(-1)?.error).toMatchObject({ name: "StopAndError", message: "order 7 is not allowed" });
    expect(result.error?.message).toBe('node "stop" (stopAndError) failed: order 7 is not allowed');
  });
});

describe("noop node", () => {
  it("passes its input through unchanged", async () => {
    const workflow = validated({
      nodes: [hook, tag("a"), { id: "nothing", type: "noop", parameters: {} }],
      connections: [
        { from: "hook", to: "a" },
        { from: "a", to: "nothing" },
      ],
    });
    const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ x: 1 }) });
    const [, a, nothing] = result.nodeResults;
    expect(nothing?.data).toBe(a?.data);
    expect(nothing?.data).toMatchObject({ body: { x: 1 }, seen: { a: true } });
  });
});
