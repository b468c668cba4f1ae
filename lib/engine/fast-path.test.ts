import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { evaluateWithJsonata, resolveExpressions, type ExpressionScope } from "./expressions";
import { compileFastPath, FALL_BACK, runFastPath } from "./fast-path";
import { triggerPayload } from "./test-support";

const inputs: unknown[] = [
  { a: { b: 1, c: "x", d: null, e: true, f: { g: [1] }, list: [{ b: 1 }, { b: 2 }], one: ["only"], empty: {} }, name: "Ada", n: 0 },
  { a: null, name: null },
  { a: "text", name: 5 },
  { a: [{ b: 1 }, { b: [2, 3] }] },
  [{ a: { b: 1 } }, { a: { b: 2 } }],
  [],
  "scalar",
  42,
  null,
  undefined,
  { constructor: "own", toString: 1, a: { b: { c: { d: "deep" } } } },
];

const expressions = [
  "$json",
  "$json.a",
  "$json.a.b",
  "$json.a.c",
  "$json.a.d",
  "$json.a.e",
  "$json.a.f",
  "$json.a.f.g",
  "$json.a.list",
  "$json.a.list.b",
  "$json.a.one",
  "$json.a.empty",
  "$json.a.missing.deeper",
  "$json.name",
  "$json.n",
  "$json.constructor",
  "$json.toString",
  "$json.a.b.c.d",
  " $json . a . b ",
  "a.b",
  "name",
  "constructor",
  "$trigger.body.a.b",
  "$trigger.body",
  "$trigger.query.ref",
  "$trigger.headers",
  "$trigger.method",
];

describe("expression fast path", () => {
  it("gives exactly JSONata's result whenever it answers", async () => {
    let answered = 0;
    for (const json of inputs) {
      const scope: ExpressionScope = {
        json,
        trigger: triggerPayload(json, { query: { ref: "mail" } }),
        node: () => undefined,
        now: () => new Date(0),
      };
      for (const source of expressions) {
        const fast = compileFastPath(source);
        expect(fast, source).toBeDefined();
        const value = runFastPath(fast as NonNullable<typeof fast>, scope.json, scope.trigger);
        if (value === FALL_BACK) continue;
        answered++;
        const expected = await evaluateWithJsonata({ raw: source, expression: jsonata(source) }, scope, "p");
        expect(value, `${source} on ${JSON.stringify(json)}`).toStrictEqual(expected);
      }
    }
    // Most cases are answered without JSONata; otherwise the fast path is not doing its job.
    expect(answered).toBeGreaterThan(150);
  });

  it("falls back to JSONata where sequence semantics could differ", () => {
    const data = { a: { list: [{ b: 1 }, { b: 2 }], one: ["x"] } };
    const run = (source: string, json: unknown) => runFastPath(compileFastPath(source) as NonNullable<ReturnType<typeof compileFastPath>>, json, undefined);
    expect(run("$json.a.list.b", data)).toBe(FALL_BACK);
    expect(run("$json.a.one", data)).toBe(FALL_BACK);
    expect(run("$json.a", [{ a: 1 }])).toBe(FALL_BACK);
    expect(run("$json.constructor", {})).toBe(FALL_BACK);
    expect(run("$json.a", { a: new Date(0) })).toBe(FALL_BACK);
  });

  it("only takes plain paths", () => {
    for (const source of ["$json.a + 1", "$json.a[0]", "$json.true", "$json.and", "$node(\"x\").a", "$json.`a b`", "$json.a.$b", "$now()", "$json.a.in"]) {
      expect(compileFastPath(source), source).toBeUndefined();
    }
    expect(compileFastPath("$trigger.body.x")).toEqual({ root: "trigger", segments: ["body", "x"] });
    expect(compileFastPath("customer.name")).toEqual({ root: "json", segments: ["customer", "name"] });
  });

  it("is used by resolveExpressions, with the same results as before", async () => {
    const scope: ExpressionScope = { json: { a: { b: [1, 2] }, c: { d: 4 } }, trigger: triggerPayload({ id: 9 }), node: () => undefined, now: () => new Date(0) };
    expect(await resolveExpressions("{{ $json.c.d }}", scope, "p")).toBe(4);
    expect(await resolveExpressions("{{ $json.a.b }}", scope, "p")).toStrictEqual([1, 2]);
    expect(await resolveExpressions("id={{ $trigger.body.id }}/{{ $json.c }}", scope, "p")).toBe('id=9/{"d":4}');
    expect(await resolveExpressions("{{ $json.c }}", scope, "p")).toBe((scope.json as { c: unknown }).c);
  });
});
