import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { hook, tag, triggerPayload, validated } from "../test-support";
import { validateWorkflow } from "../validate-workflow";

const router = (rules: unknown[]) => ({
  nodes: [hook, { id: "route", type: "switch", parameters: { rules } }, tag("zero"), tag("one"), tag("other")],
  connections: [
    { from: "hook", to: "route" },
    { from: "route", to: "zero", output: "0" },
    { from: "route", to: "one", output: "1" },
    { from: "route", to: "other", output: "fallback" },
  ],
});

const byRegion = router([{ condition: '{{ $json.body.region = "eu" }}' }, { condition: '{{ $json.body.region in ["us", "eu"] }}' }]);

async function pathFor(body: unknown, definition: unknown = byRegion) {
  const result = await runWorkflow(validated(definition), { triggerNodeId: "hook", trigger: triggerPayload(body) });
  return result;
}

describe("switch node", () => {
  it("sends the input out of the first matching rule's numbered output", async () => {
    const eu = await pathFor({ region: "eu" });
    // "eu" matches both rules: the first wins, so "one" never runs.
    expect(eu.executionPath).toEqual(["hook", "route", "zero"]);
    const route = eu.nodeResults.find((r) => r.nodeId === "route");
    expect(route?.data).toBe(route?.input);
    expect((await pathFor({ region: "us" })).executionPath).toEqual(["hook", "route", "one"]);
  });

  it("takes the fallback output when no rule matches (undefined counts as no match)", async () => {
    expect((await pathFor({ region: "jp" })).executionPath).toEqual(["hook", "route", "other"]);
    expect((await pathFor({})).executionPath).toEqual(["hook", "route", "other"]);
  });

  it("does not evaluate rules after the first match", async () => {
    const definition = router([{ condition: true }, { condition: '{{ $error("should not run") }}' }]);
    const result = await pathFor({}, definition);
    expect(result.status).toBe("completed");
    expect(result.executionPath).toEqual(["hook", "route", "zero"]);
  });

  it("fails naming the rule whose expression failed", async () => {
    const definition = router([{ condition: false }, { condition: '{{ $error("bad rule") }}' }]);
    const result = await pathFor({}, definition);
    expect(result.status).toBe("failed");
    expect(result.nodeResults.at(-1)?.error?.message).toBe(
      'Parameter "rules[1].condition": expression "{{ $error("bad rule") }}" failed: bad rule',
    );
  });

  it("validates outputs against the number of rules, and rule expressions at save", () => {
    const tooFar = validateWorkflow({
      nodes: [hook, { id: "route", type: "switch", parameters: { rules: [{ condition: true }] } }, tag("x")],
      connections: [
        { from: "hook", to: "route" },
        { from: "route", to: "x", output: "1" },
      ],
    });
    expect(tooFar.ok ? [] : tooFar.issues).toEqual([
      { path: "connections[1].output", message: 'connection from "route" to "x": node "route" (switch) has no output "1"; its outputs are "0", "fallback"' },
    ]);
    const syntax = validateWorkflow({ nodes: [hook, { id: "route", type: "switch", parameters: { rules: [{ condition: "{{ $json. }}" }] } }], connections: [] });
    expect(syntax.ok ? [] : syntax.issues.map((i) => i.path)).toEqual(["nodes[1].parameters.rules[0].condition"]);
    const empty = validateWorkflow({ nodes: [hook, { id: "route", type: "switch", parameters: { rules: [] } }], connections: [] });
    expect(empty.ok ? [] : empty.issues.map((i) => i.path)).toEqual(["nodes[1].parameters.rules"]);
  });
});
