import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSearch } from "./parse-search";
import { formatSearch } from "./format-search";
import { SEARCH_LIMITS, SearchSyntaxError, type SearchCondition, type SearchField } from "./search-query";

function problem(q: string): { message: string; position: number } {
  try {
    parseSearch(q);
  } catch (error) {
    if (error instanceof SearchSyntaxError) return { message: error.message, position: error.position };
    throw error;
  }
  throw new Error(`parsed: ${q}`);
}

describe("parseSearch", () => {
  it("reads the documented examples", () => {
    expect(parseSearch(`body.customer.email = "ada@example.com"`)).toEqual([{ field: { kind: "body", path: ["customer", "email"] }, op: "=", value: "ada@example.com" }]);
    expect(parseSearch("header.X-GitHub-Event = push AND query.page = 2")).toEqual([
      { field: { kind: "header", path: ["x-github-event"] }, op: "=", value: "push" },
      // Query parameters are text: 2 means "2".
      { field: { kind: "query", path: ["page"] }, op: "=", value: "2" },
    ]);
    expect(parseSearch(`node:enrich output.customer.email = "ada@example.com"`)).toEqual([
      { field: { kind: "output", nodeId: "enrich", path: ["customer", "email"] }, op: "=", value: "ada@example.com" },
    ]);
    expect(parseSearch(`error ~ "timeout"`)).toEqual([{ field: { kind: "error", nodeId: null }, op: "~", value: "timeout" }]);
    expect(parseSearch(`node:"charge card" error ~ 402`)).toEqual([{ field: { kind: "error", nodeId: "charge card" }, op: "~", value: "402" }]);
  });

  it("reads JSON literals and bare words as JSON when they are JSON", () => {
    const values = parseSearch(`body.a = 42 body.b = -1.5e3 body.c = true body.d = null body.e = "42" body.f = ada body.g != false`).map((c) => ("value" in c ? c.value : undefined));
    expect(values).toEqual([42, -1500, true, null, "42", "ada", false]);
  });

  it("takes quoted keys, exists, contains, and AND in any case", () => {
    expect(parseSearch(`  body."a.b"."c d" exists and body ~ refund  `)).toEqual([
      { field: { kind: "body", path: ["a.b", "c d"] }, op: "exists" },
      { field: { kind: "body", path: [] }, op: "~", value: "refund" },
    ]);
    expect(parseSearch(`body.a=1`)).toEqual([{ field: { kind: "body", path: ["a"] }, op: "=", value: 1 }]);
    expect(parseSearch("")).toEqual([]);
    expect(parseSearch("   ")).toEqual([]);
  });

  it("names the problem and where it is", () => {
    expect(problem(`body.customer.email =`)).toEqual({ message: 'q: expected a value after "=" at 21', position: 21 });
    expect(problem(`body.customer.email = "ada`).message).toBe("q: a string without its closing quote at 22");
    expect(problem(`body.a = "x\\q"`).message).toBe("q: an invalid escape in a string at 11");
    expect(problem(`bogus.a = 1`).message).toMatch(/^q: unknown field "bogus" .* at 0$/);
    expect(problem(`body.a = 1 OR body.b = 2`).message).toBe("q: OR is not supported: all conditions must hold at 11");
    expect(problem(`body.a 1`).message).toBe("q: expected an operator (=, !=, ~ or exists) at 7");
    expect(problem(`body.a == 1`).message).toBe('q: unexpected "=" after "=" at 8');
    expect(problem(`error = "x"`).message).toBe('q: error takes "~" or "exists", not "=" at 6');
    expect(problem(`body = 1`).message).toMatch(/^q: expected a field path after body .* at 5$/);
    expect(problem(`header = x`).message).toBe("q: expected header.<name> at 6");
    expect(problem(`node: output.a = 1`).message).toBe("q: expected a node id after node: at 5");
    expect(problem(`node:x input.a = 1`).message).toBe("q: expected output or error after node:x at 7");
    expect(problem(`body.a = 1 AND`).message).toBe("q: expected a condition after AND at 14");
    expect(problem(`body. = 1`).message).toBe('q: expected a field name after "." at 5');
    expect(problem(`body.a ~ ""`).message).toBe('q: expected some text after "~" at 9');
    expect(problem(`body.a = "\\u0000"`).message).toBe("q: a NUL character (\\u0000) in a value at 9");
    expect(problem(`body.a = "\\ud800"`).message).toBe("q: an unpaired surrogate in a value at 9");
    expect(problem(`body.a = 1e999`).message).toBe("q: a number out of range at 9");
    expect(problem(`body.a = ab"c"`).message).toBe('q: unexpected " inside a value (quote the whole value) at 11');
    expect(problem(Array.from({ length: 11 }, (_, i) => `body.a${i} exists`).join(" ")).message).toMatch(/^q: at most 10 conditions at \d+$/);
    expect(problem("x".repeat(SEARCH_LIMITS.length + 1)).message).toBe(`q: longer than ${SEARCH_LIMITS.length} characters at ${SEARCH_LIMITS.length}`);
  });

  // Any condition the language can express prints to text that parses back to it.
  it("round-trips every condition through formatSearch (property)", () => {
    const key = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/), fc.string({ minLength: 1, maxLength: 8, unit: "grapheme" }))
      .filter((k) => !k.includes("\u0000") && k.isWellFormed());
    const text = fc.string({ maxLength: 12, unit: "grapheme" }).filter((s) => !s.includes("\u0000") && s.isWellFormed());
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), fc.boolean(), fc.constant(null));
    const nodeId = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), key);
    const field: fc.Arbitrary<SearchField> = fc.oneof(
      fc.record({ kind: fc.constant("body" as const), path: fc.array(key, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant("header" as const), path: fc.tuple(key.map((k) => k.toLowerCase()).filter((k) => k.length > 0 && k.isWellFormed())) }),
      fc.record({ kind: fc.constant("query" as const), path: fc.tuple(key) }),
      fc.record({ kind: fc.constant("output" as const), nodeId, path: fc.array(key, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant("error" as const), nodeId: fc.option(nodeId, { nil: null }) }),
    );
    const condition: fc.Arbitrary<SearchCondition> = fc.tuple(field, fc.constantFrom("=", "!=", "~", "exists"), scalar, text.filter((s) => s.length > 0)).map(([f, op, value, needle]) => {
      if (op === "exists") return { field: f, op };
      if (op === "~" || f.kind === "error") return { field: f, op: "~", value: needle };
      const textOnly = f.kind === "header" || f.kind === "query";
      return { field: f, op, value: textOnly ? (typeof value === "string" ? value : String(value)) : value };
    });
    fc.assert(
      fc.property(fc.array(condition, { maxLength: 4 }), (conditions) => {
        const q = formatSearch(conditions);
        fc.pre(q.length <= SEARCH_LIMITS.length);
        expect(parseSearch(q)).toEqual(conditions);
      }),
      { numRuns: 500 },
    );
  });

  // Whatever is typed, the parser answers conditions or a SearchSyntaxError inside the text.
  it("never throws anything but a positioned SearchSyntaxError (property)", () => {
    const alphabet = fc.constantFrom(..."body.header.query node:out error ~ = != exists \" \\ u0000 AND OR 12 -e. true null x".split(""), " ", "body", "node:a output", "error", '"', "\\u00", "AND ");
    const input = fc.oneof(fc.string({ maxLength: 60 }), fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join("")));
    fc.assert(
      fc.property(input, (q) => {
        try {
          parseSearch(q);
        } catch (error) {
          expect(error).toBeInstanceOf(SearchSyntaxError);
          const { position } = error as SearchSyntaxError;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(q.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
