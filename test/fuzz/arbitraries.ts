import fc from "fast-check";
import type { z } from "zod";
import { createApiKeySchema } from "@/lib/auth/api-keys";
import { credentialsSchema } from "@/lib/auth/users";
import { executionStatsQuery } from "@/lib/executions/execution-stats";
import { listExecutionsQuery } from "@/lib/executions/execution-queries";
import { rerunInput } from "@/lib/executions/rerun-execution";
import { retentionInputSchema } from "@/lib/executions/retention-settings";
import { testRunInput } from "@/lib/workflows/test-run";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";

// Generators for hostile requests. Field names come from the zod schemas the routes parse, so
// a field added to a schema is fuzzed with wrong types without editing this file.

function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const BODY_FIELDS = [...new Set([credentialsSchema, createApiKeySchema, rerunInput, testRunInput, retentionInputSchema].flatMap(keysOf))];
const QUERY_FIELDS = [...new Set([listExecutionsQuery, executionStatsQuery].flatMap(keysOf)), "token"];

const workflow = WORKFLOW_TEMPLATES[0]!.build("fuzz/valid");
// Well-formed bodies of every route; the fuzzer breaks one field at a time.
const VALID_BODIES: unknown[] = [
  workflow,
  { email: "fuzz@test.dev", password: "password123" },
  { name: "ci" },
  { version: "snapshot" },
  { body: { orderId: "T-1" }, method: "POST", query: { a: "1" } },
  { maxAgeDays: 30, maxExecutionsPerWorkflow: 10, dropPayloadOnly: false },
];

const NUL = "\u0000";
const unicode = fc.string({ unit: "binary", maxLength: 40 });
const hostileString = fc.oneof(
  unicode,
  fc.constantFrom("", " ", NUL, `a${NUL}b`, "\ud800", "\udfff", "..", "%ff", "💥", "x".repeat(10_000), "{{ $json }}", "{{ $now() }}", "1e400", "-0", "__proto__", "constructor"),
);

/** Any JSON value, wrong for whatever field it lands in. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [[]], { "": "" }, { __proto__: 1 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [prefix];
  const children = Array.isArray(value) ? value.map((v, i) => paths(v, [...prefix, i])) : Object.entries(value).map(([k, v]) => paths(v, [...prefix, k]));
  return [prefix, ...children.flat()];
}

function setAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of at.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[at[at.length - 1]!] = replacement;
  return copy;
}

// A nested value deep enough to overflow any recursive walk (zod, serializers, the engine).
const deepValue = fc.tuple(fc.integer({ min: 65, max: 4000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** A well-formed body with one field (anywhere, at any depth) replaced. */
function mutated(replacement: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .constantFrom(...VALID_BODIES)
    .chain((valid) => fc.tuple(fc.constant(valid), fc.constantFrom(...paths(valid)), replacement))
    .map(([valid, at, value]) => setAt(valid, at, value));
}

const mutatedBody = mutated(wrongValue);

const fieldSoup = fc.dictionary(fc.constantFrom(...BODY_FIELDS, "name", "nodes", "connections", "active", "settings"), wrongValue, { maxKeys: 6 });

const deep = fc.tuple(fc.integer({ min: 60, max: 20_000 }), fc.constantFrom(["[", "]"], ['{"a":', "}"], ['[{"a":', "}]"])).map(([n, [open, close]]) => open!.repeat(n) + "1" + close!.repeat(n));

export type Body = string | Uint8Array | undefined;

export const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: mutatedBody.map((v) => JSON.stringify(v) ?? "null") },
  { weight: 2, arbitrary: mutated(fc.constantFrom(NUL, `a${NUL}b`, { [`k${NUL}`]: 1 }, [`x${NUL}`])).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: mutated(deepValue).map((v) => JSON.stringify(v)) },
  { weight: 3, arbitrary: fieldSoup.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: wrongValue.map((v) => JSON.stringify(v) ?? "null") },
  { weight: 2, arbitrary: deep },
  { weight: 1, arbitrary: fc.constantFrom('{"name":"a\\u0000b"}', '{"email":"a\\u0000","password":"x"}', '{"k\\u0000":1}', '{"a":"\\ud800"}', "{", "[1,]", "\u0000", "null", '"str"', "1", "") },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), new Uint8Array([0xed, 0xa0, 0x80])) },
  // Over the 1 MB limits; rare, they cost a megabyte each.
  { weight: 1, arbitrary: fc.constantFrom(`{"name":"${"x".repeat(1_100_000)}"}`, `[${"0,".repeat(60_000)}0]`) },
);

const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

// Mostly types a JSON body may come as, so bodies reach validation; then wrong and malformed ones.
export const contentType = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8", "application/vnd.api+json", "text/plain", "application/x-www-form-urlencoded") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "multipart/form-data; boundary=x", "application/octet-stream", "text/csv; charset=klingon", "application/json; charset=latin1",
      ";;;", "application/json; charset", 'application/json; charset="utf-8', "application/json;", "a, b", "json", "*/*", "text/",
    ),
  },
  { weight: 1, arbitrary: headerText },
);

export const queryString = fc
  .dictionary(fc.oneof(fc.constantFrom(...QUERY_FIELDS), hostileString), fc.oneof(hostileString, fc.integer().map(String), fc.constantFrom("FAILED,PARTIAL", "2026-11-26T00:00:00Z", "99999999999999999999", "-1", "0")), { maxKeys: 4 })
  .map((entries) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(entries)) params.append(k, v);
    const text = params.toString();
    return text ? `?${text}` : "";
  });

// Path segments a client can actually send: encodeURIComponent refuses lone surrogates.
export const hostileSegment = fc.oneof(
  hostileString.filter((s) => s.length > 0 && s.length < 3000 && s.isWellFormed()),
  fc.uuid(),
  fc.constantFrom(".", "..", "%2e%2e", "webhook", "a/b"),
);

// Headers some route reads besides auth and type: idempotency keys, signatures, sessions, proxies.
export const extraHeaders = fc.dictionary(
  fc.constantFrom("idempotency-key", "x-hookflow-signature", "x-hub-signature-256", "x-hookflow-secret", "cookie", "x-forwarded-host", "x-forwarded-proto", "accept", "x-github-delivery"),
  fc.oneof(headerText, fc.constantFrom("", "hookflow_session=x", "t=1,v1=00", "sha256=00", "https", "k".repeat(300))),
  { maxKeys: 3 },
);

export { headerText };
