import { describe, expect, it } from "vitest";
import { ExpressionError, findExpressionErrors, resolveExpressions, type ExpressionScope } from "./expressions";
import { triggerPayload } from "./test-support";

const outputs: Record<string, unknown> = { fetch: { price: 9.5 } };
const scope: ExpressionScope = {
  json: { name: "Ada", total: 120, tags: ["a", "b"], customer: { email: "ada@example.com" } },
  trigger: triggerPayload({ orderId: 42 }, { query: { ref: "mail" } }),
  node: (id) => {
    if (!(id in outputs)) throw new Error(`node "${id}" has not run`);
    return outputs[id];
  },
  now: () => new Date("2030-01-02T03:04:05.000Z"),
};
const resolve = (value: unknown, parameter = "p") => resolveExpressions(value, scope, parameter);

describe("resolveExpressions", () => {
  it("returns values without expressions as they are, by reference", async () => {
    const object = { a: "plain", b: [1, { c: "text" }] };
    expect(await resolve("no braces here")).toBe("no braces here");
    expect(await resolve(object)).toBe(object);
    expect(await resolve(7)).toBe(7);
  });

  it("keeps the JSON type of a string that is exactly one expression", async () => {
    expect(await resolve("{{ $json.total }}")).toBe(120);
    expect(await resolve("{{ $json.total > 100 }}")).toBe(true);
    expect(await resolve("{{ $json.customer }}")).toEqual({ email: "ada@example.com" });
    expect(await resolve("{{ $json.tags }}")).toEqual(["a", "b"]);
    expect(await resolve("{{ $json.missing }}")).toBeUndefined();
    // The input is also JSONata's context.
    expect(await resolve("{{ total * 2 }}")).toBe(240);
  });

  it("returns plain JSON from JSONata constructors and filters", async () => {
    const built = await resolve('{{ {"n": $json.name, "list": $json.tags[$ != "a"], "all": $json.tags[$ != "z"]} }}');
    expect(built).toStrictEqual({ n: "Ada", list: "b", all: ["a", "b"] });
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    const filtered = await resolve('{{ [1, 2, 3][$ > 1] }}');
    expect(filtered).toStrictEqual([2, 3]);
    expect(Object.keys(filtered as object)).toEqual(["0", "1"]);
  });

  it("interpolates expressions inside text, JSON-stringifying objects", async () => {
    expect(await resolve("Hi {{ $json.name }}, total {{ $json.total }}!")).toBe("Hi Ada, total 120!");
    expect(await resolve("customer={{ $json.customer }}")).toBe('customer={"email":"ada@example.com"}');
    expect(await resolve("[{{ $json.missing }}]")).toBe("[]");
    // Surrounding text, even whitespace, makes it a text template.
    expect(await resolve(" {{ $json.total }}")).toBe(" 120");
  });

  it("binds $trigger, $node and $now", async () => {
    expect(await resolve("{{ $trigger.body.orderId }}")).toBe(42);
    expect(await resolve("{{ $trigger.query.ref }}")).toBe("mail");
    expect(await resolve('{{ $node("fetch").price }}')).toBe(9.5);
    expect(await resolve("{{ $now() }}")).toBe("2030-01-02T03:04:05.000Z");
  });

  it("resolves nested objects and arrays, copying only what changed", async () => {
    const shared = { untouched: true };
    const value = { greeting: "Hello {{ name }}", items: [{ total: "{{ total }}" }, "x"], shared };
    const resolved = (await resolve(value)) as typeof value;
    expect(resolved).toEqual({ greeting: "Hello Ada", items: [{ total: 120 }, "x"], shared });
    expect(resolved.shared).toBe(shared);
    expect(value.items[0]).toEqual({ total: "{{ total }}" }); // the parameter itself is not mutated
  });

  it("handles JSONata braces and strings containing }} inside an expression", async () => {
    expect(await resolve('{{ {"a": {"b": 1}} }}')).toEqual({ a: { b: 1 } });
    expect(await resolve('{{ "}}" & name }}')).toBe("}}Ada");
  });

  it("names the parameter and expression on a syntax error", async () => {
    const failure = resolve("{{ $json.a + }}", "condition");
    await expect(failure).rejects.toBeInstanceOf(ExpressionError);
    await expect(failure).rejects.toThrow('Parameter "condition": expression "{{ $json.a + }}" failed: Unexpected end of expression');
  });

  it("names the nested path and the failing part on an evaluation error", async () => {
    await expect(resolve({ headers: { "x-id": 'id {{ $node("later") }}' } }, "")).rejects.toThrow(
      'Parameter "headers.x-id": expression "{{ $node("later") }}" failed: node "later" has not run',
    );
    await expect(resolve(["ok", "{{ $error('nope') }}"], "list")).rejects.toThrow('Parameter "list[1]": expression "{{ $error(\'nope\') }}" failed: nope');
  });

  it("rejects unterminated and empty expressions", async () => {
    await expect(resolve("Hello {{ name", "body")).rejects.toThrow('Parameter "body": expression "{{ name" failed: unterminated "{{"');
    await expect(resolve("{{   }}", "body")).rejects.toThrow("empty expression");
  });
});

describe("findExpressionErrors", () => {
  it("reports syntax errors without evaluating, by parameter path", () => {
    expect(findExpressionErrors({ ok: "{{ name }}", bad: ["{{ 1 + }}"] }, "fields")).toEqual([
      { parameter: "fields.bad[0]", message: 'Parameter "fields.bad[0]": expression "{{ 1 + }}" failed: Unexpected end of expression' },
    ]);
    // Evaluation errors (unknown node) are not syntax errors.
    expect(findExpressionErrors('{{ $node("x") }}', "p")).toEqual([]);
  });
});
