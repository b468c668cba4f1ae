import { describe, expect, it } from "vitest";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { diffDefinitions, isEmptyDiff, type Definition } from "./diff-definitions";

const order = (): Definition => orderReceivedWorkflow("a") as Definition;

describe("diffDefinitions", () => {
  it("names changed parameters by node, added and removed nodes and connections", () => {
    const before = order();
    const after = structuredClone(before);
    after.name = "Orders v2";
    after.nodes[2]!.parameters!.condition = "{{ $json.amount >= 1000 }}";
    after.nodes = after.nodes.filter((n) => n.id !== "standard");
    after.nodes.push({ id: "log", type: "noop", parameters: {} });
    after.connections = [...after.connections.filter((c) => c.to !== "standard"), { from: "is-large", to: "log", output: "false" }];
    const diff = diffDefinitions(before, after);
    expect(diff.name).toEqual({ before: "Order received", after: "Orders v2" });
    expect(diff.changed).toEqual([{ id: "is-large", changes: [{ path: "parameters.condition", before: "{{ $json.amount >= 100 }}", after: "{{ $json.amount >= 1000 }}" }] }]);
    expect(diff.added.map((n) => n.id)).toEqual(["log"]);
    expect(diff.removed.map((n) => n.id)).toEqual(["standard"]);
    expect(diff.connectionsAdded).toEqual(["is-large (false) → log"]);
    expect(diff.connectionsRemoved).toEqual(["is-large (false) → standard"]);
  });

  it("ignores key order and node positions", () => {
    const before = order();
    const after = structuredClone(before);
    after.nodes[1] = { ...after.nodes[1]!, position: { x: 5, y: 9 }, parameters: Object.fromEntries(Object.entries(after.nodes[1]!.parameters).reverse()) };
    expect(isEmptyDiff(diffDefinitions(before, after))).toBe(true);
  });
});
