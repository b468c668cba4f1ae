import { describe, expect, it, vi } from "vitest";
import { EXPRESSION_LIMITS } from "./expression-limits";
import { LinearRegExp } from "./linear-regex";
import { findExpressionErrors, resolveExpressions, type ExpressionScope } from "./expressions";
import { triggerPayload } from "./test-support";

const scopeWith = (body: unknown): ExpressionScope => ({
  json: {},
  trigger: triggerPayload(body),
  node: () => null,
  now: () => new Date("2030-01-02T03:04:05.000Z"),
});
const resolve = (expression: string, body: unknown = {}) => resolveExpressions(expression, scopeWith(body), "p");

describe("expression regexes (RE2)", () => {
  it("keeps regex literals working for ordinary patterns", async () => {
    expect(await resolve('{{ $match("ab12cd345", /\\d+/).match }}')).toEqual(["12", "345"]);
    expect(await resolve('{{ $match("k=v", /(\\w)=(\\w)/).groups }}')).toEqual(["k", "v"]);
    expect(await resolve('{{ $replace("hello world", /o/, "0") }}')).toBe("hell0 w0rld");
    expect(await resolve('{{ $split("a1b22c", /\\d+/) }}')).toEqual(["a", "b", "c"]);
    expect(await resolve('{{ $contains("ABC", /b/i) }}')).toBe(true);
    expect(await resolve('{{ $contains("x\\nfoo", /^foo$/m) }}')).toBe(true);
    expect(await resolve('{{ $match("a😀b", /b/).index }}')).toBe(3);
    expect(await resolve('{{ "order-7" ~> /order-(?<id>\\d+)/ ~> $exists() }}')).toBe(true);
  });

  it("matches the catastrophic-backtracking pattern with RE2", async () => {
    // The input stays short enough that a backtracking engine would still finish (2^22 paths), so
    // a regression fails on the spy rather than hanging the run.
    const exec = vi.spyOn(LinearRegExp.prototype, "exec");
    try {
      expect(await resolve("{{ $contains($trigger.body.s, /^(a+)+$/) }}", { s: `${"a".repeat(22)}!` })).toBe(false);
      expect(await resolve("{{ $contains($trigger.body.s, /^(a+)+$/) }}", { s: "a".repeat(22) })).toBe(true);
      expect(exec).toHaveBeenCalledTimes(2);
    } finally {
      exec.mockRestore();
    }
  });

  it("matches a long adversarial input in linear time", () => {
    // Direct on the engine: with RegExp this input would never finish.
    const regex = new LinearRegExp(/^(a+)+$/g);
    expect(regex.exec(`${"a".repeat(5000)}!`)).toBeNull();
  });

  it("refuses backreferences and lookaround when the expression is compiled", () => {
    const issues = findExpressionErrors({ a: '{{ $contains("aa", /(a)\\1/) }}', b: '{{ $match("ab", /a(?=b)/) }}' }, "p");
    expect(issues.map((i) => i.parameter)).toEqual(["p.a", "p.b"]);
    expect(issues[0]?.message).toMatch(/not supported \(RE2 syntax: no backreferences or lookaround\)/);
  });
});

describe("expression size and time limits", () => {
  it("fails a range longer than the sequence limit with a clear error", async () => {
    await expect(resolve("{{ $count($string([1..10000000])) }}")).rejects.toThrow(/range too long: 10000000 items \(limit 100000\)/);
    expect(await resolve(`{{ $count([1..${EXPRESSION_LIMITS.maxSequenceLength}]) }}`)).toBe(EXPRESSION_LIMITS.maxSequenceLength);
  });

  it("fails a sequence built from many ranges", async () => {
    await expect(resolve("{{ $count([1..100].([1..100000])) }}")).rejects.toThrow(/expression result too large|evaluation steps and was stopped/);
  });

  it("fails $string, $pad and $join before they build an oversized string", async () => {
    const body = { s: "x".repeat(100_000) };
    await expect(resolve("{{ $length($string([1..1000].($trigger.body))) }}", body)).rejects.toThrow(/expression result too large|evaluation steps and was stopped/);
    await expect(resolve('{{ $length($pad("", 100000000)) }}')).rejects.toThrow(/expression result too large: a string of 100000000 characters/);
    await expect(resolve('{{ $length($pad("", 10000, $trigger.body.s)) }}', body)).rejects.toThrow(/expression result too large/);
    await expect(resolve("{{ $length($join([1..60].($trigger.body.s))) }}", body)).rejects.toThrow(/expression result too large: a string of 6000000/);
    expect(await resolve("{{ $length($string($trigger.body)) }}", body)).toBe(100_008);
    expect(await resolve('{{ $pad("7", -3, "0") }}')).toBe("007");
    expect(await resolve('{{ $join(["a", "b"], "-") }}')).toBe("a-b");
  });

  it("fails a string that doubles itself past the string limit", async () => {
    const doubling = '{{ ($f := function($s, $n) { $n = 0 ? $s : $f($s & $s, $n - 1) }; $length($f("ab", 40))) }}';
    await expect(resolve(doubling)).rejects.toThrow(/expression result too large: (a string of \d+ characters|the evaluation produced more than)/);
  });

  it("stops a long loop and a deep recursion with the step budget or the depth limit", async () => {
    await expect(resolve("{{ $count([1..100000].($string($) & 'x')) }}")).rejects.toThrow(/expression took more than 30000 evaluation steps and was stopped/);
    await expect(resolve("{{ ($f := function($n) { $n = 0 ? 0 : $f($n - 1) }; $f(100000)) }}")).rejects.toThrow(/evaluation steps and was stopped|Stack overflow/);
    expect(await resolve("{{ $count([1..1000].($string($) & 'x')) }}")).toBe(1000);
  });

  it("refuses to run a regex over text longer than the webhook body limit", async () => {
    await expect(resolve("{{ $contains($trigger.body.s, /b/) }}", { s: "a".repeat(2_000_000) })).rejects.toThrow(/regex input too long: 2000000 characters/);
  });
});
