import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { makeUser, recordRealtime } from "./helpers";
import { deliver, githubSignature, hookflowSignature, makeWebhook, postJson, type Delivery } from "./webhook-fixtures";

// A corpus of hostile and broken deliveries, generated. Every one must get a 4xx JSON error,
// none may create a row, and the server must still answer a good request afterwards.

type Case = { name: string } & Delivery;

const MB = 1024 * 1024;
const json = { "content-type": "application/json" };
const now = () => Math.floor(Date.now() / 1000);
const open = ["corpus", "open"];
const bytes = (...values: number[]) => new Uint8Array(values);
const withUtf8 = (prefix: string, bad: Uint8Array, suffix: string) => new Uint8Array([...Buffer.from(prefix), ...bad, ...Buffer.from(suffix)]);

function malformedJson(): Case[] {
  const texts = [
    "{", "}", "[", "]", '{"a":', '{"a":1,}', "[1,2", "[1,2,]", "nul", "tru", "fals", "{'a':1}", '{"a":01}', '{"a":NaN}', '{"a":Infinity}',
    "{a:1}", '"unterminated', '{"a":"\\x"}', '{"a":1}}', "[]]", '{"a":1} trailing', ",", ":", '{"a" 1}', '{"a":[1,2,}', '{"a":-}',
    '{"a":1e}', '{"a":.5}', '{"a":+1}', "[,1]", '{"a":undefined}', "/* c */ {}", '{"a":1,"b"}', '{"a":"\u0001"}', "\u0000",
    '{"a":"\\u12"}', '{"a":"\\ud800"x}', "0x10", "{}{}", "[1 2]",
  ];
  const cases: Case[] = texts.map((text, i) => ({ name: `malformed JSON #${i}: ${JSON.stringify(text).slice(0, 30)}`, segments: open, headers: json, body: text }));
  const full = JSON.stringify({ order: { id: "A-1", lines: [{ sku: "x", qty: 2, price: 9.5 }], note: "quote \" inside" }, ok: true });
  for (let cut = 1; cut < full.length; cut += Math.ceil(full.length / 20)) {
    cases.push({ name: `truncated JSON at ${cut}`, segments: open, headers: json, body: full.slice(0, cut) });
  }
  return cases;
}

function wrongContentTypes(): Case[] {
  return [
    { name: "json type, plain text", segments: open, headers: json, body: "hello" },
    { name: "+json type, bad json", segments: open, headers: { "content-type": "application/vnd.api+json" }, body: "{x" },
    { name: "json with unknown charset", segments: open, headers: { "content-type": "application/json; charset=klingon" }, body: "{}" },
    { name: "text with unknown charset", segments: open, headers: { "content-type": "text/plain; charset=nope" }, body: "hi" },
    { name: "json as UTF-16 with BOM", segments: open, headers: json, body: bytes(0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00) },
    { name: "multipart without boundary", segments: open, headers: { "content-type": "multipart/form-data" }, body: "a=1" },
    { name: "multipart with garbage", segments: open, headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: "not multipart at all" },
    { name: "multipart unterminated", segments: open, headers: { "content-type": "multipart/form-data; boundary=b" }, body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1' },
    { name: "form body with invalid UTF-8", segments: open, headers: { "content-type": "application/x-www-form-urlencoded" }, body: withUtf8("a=", bytes(0xff), "") },
    { name: "json type, binary", segments: open, headers: json, body: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
    { name: "json type, empty object but invalid trailing NUL", segments: open, headers: json, body: "{}\u0000" },
  ];
}

function oversize(): Case[] {
  const big = (n: number) => "x".repeat(n);
  const stream = (total: number, chunk = 64 * 1024) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < total; sent += chunk) controller.enqueue(new Uint8Array(Math.min(chunk, total - sent)).fill(0x61));
        controller.close();
      },
    });
  return [
    { name: "1 MB + 1 json", segments: open, headers: json, body: JSON.stringify({ a: big(MB) }) },
    { name: "1 MB + 1 text", segments: open, headers: { "content-type": "text/plain" }, body: big(MB + 1) },
    { name: "2 MB binary", segments: open, headers: { "content-type": "application/octet-stream" }, body: new Uint8Array(2 * MB) },
    { name: "2 MB form", segments: open, headers: { "content-type": "application/x-www-form-urlencoded" }, body: `a=${big(2 * MB)}` },
    { name: "3 MB streamed without Content-Length", segments: open, headers: { "content-type": "text/plain" }, body: stream(3 * MB) },
    { name: "Content-Length 10 GB", segments: open, headers: { ...json, "content-length": String(10 * 1024 * MB) }, body: "{}" },
    { name: "Content-Length not a number", segments: open, headers: { ...json, "content-length": "abc" }, body: "{}" },
    { name: "Content-Length negative", segments: open, headers: { ...json, "content-length": "-1" }, body: "{}" },
    { name: "1 M keys", segments: open, headers: json, body: `{${Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":0`).join(",")}}` },
  ];
}

function nesting(): Case[] {
  const deep = (n: number, open: string, close: string, inner = "1") => open.repeat(n) + inner + close.repeat(n);
  return [
    { name: "10,000-deep arrays", segments: open, headers: json, body: deep(10_000, "[", "]") },
    { name: "10,000-deep objects", segments: open, headers: json, body: deep(10_000, '{"a":', "}") },
    { name: "10,000-deep, unterminated", segments: open, headers: json, body: "[".repeat(10_000) },
    { name: "65-deep arrays", segments: open, headers: json, body: deep(65, "[", "]") },
    { name: "100-deep mixed", segments: open, headers: json, body: deep(50, '[{"a":', "}]") },
    { name: "60,000 keys", segments: open, headers: json, body: `{${Array.from({ length: 60_000 }, (_, i) => `"${i}":0`).join(",")}}` },
    { name: "60,000 keys nested", segments: open, headers: json, body: `[${Array.from({ length: 30_000 }, (_, i) => `{"a${i}":0,"b":1}`).join(",")}]` },
    { name: "60,000 form fields", segments: open, headers: { "content-type": "application/x-www-form-urlencoded" }, body: Array.from({ length: 60_000 }, (_, i) => `f${i}=1`).join("&") },
  ];
}

function invalidUtf8(): Case[] {
  const sequences = [bytes(0xff), bytes(0xc0, 0x80), bytes(0xed, 0xa0, 0x80), bytes(0xe2, 0x82), bytes(0xfe), bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0x80)];
  const types = ["application/json", "text/plain", "text/csv; charset=utf-8"];
  return sequences.flatMap((seq, i) =>
    types.map((type) => ({ name: `invalid UTF-8 #${i} as ${type}`, segments: open, headers: { "content-type": type }, body: type.includes("json") ? withUtf8('{"a":"', seq, '"}') : withUtf8("a", seq, "b") })),
  );
}

function paths(): Case[] {
  const segments = [
    ["..", "corpus", "open"], ["corpus", "..", "open"], ["corpus", "open", ".."], [".", "corpus", "open"], ["corpus", ".", "open"],
    ["corpus/open"], ["corpus%2Fopen"], ["corpus%2fopen"], ["corpus\\open"], ["%2e%2e", "corpus", "open"], ["%2E%2E", "corpus", "open"],
    ["corpus", "%2e%2e", "corpus", "open"], ["..%2f..%2fetc%2fpasswd"], ["../../etc/passwd"], ["corpus", "open\u0000"], ["corpus", "open%00"],
    ["corpus", "open\r\nSet-Cookie: a=b"], ["", "corpus", "open"], ["corpus", "", "open"], ["a".repeat(5000)], ["corpus", "OPEN"],
    ["corpus", "open "], ["corpus", "open", "extra"], ["corpus", "%252e%252e"], ["ωmega"], ["corpus", "open;x"], ["corpus", "open?x=1"],
    ["corpus", "open#frag"], [], ["corpus"], ["CORPUS", "open"],
  ];
  return segments.map((s, i) => ({ name: `path #${i}: ${JSON.stringify(s).slice(0, 40)}`, segments: s, headers: json, body: "{}" }));
}

function headerTricks(headerSecret: string): Case[] {
  const good = JSON.stringify({ n: 1 });
  return [
    { name: "secret with injected header after a tab", segments: ["corpus", "header"], headers: { ...json, "x-hookflow-secret": `${headerSecret}\tX-Admin: 1` }, body: good },
    { name: "content-type list with bad json", segments: open, headers: { "content-type": "application/json, text/plain" }, body: "{x" },
    { name: "content-type with injected parameters", segments: open, headers: { "content-type": "application/json; boundary=\"\r\"".replace("\r", "") }, body: "{x" },
    { name: "idempotency key too long", segments: open, headers: { ...json, "idempotency-key": "k".repeat(300) }, body: good },
    { name: "idempotency key with a tab", segments: open, headers: { ...json, "idempotency-key": "a\tb" }, body: good },
    { name: "secret header in query instead", segments: ["corpus", "header"], headers: json, body: good },
    { name: "secret as Bearer", segments: ["corpus", "header"], headers: { ...json, authorization: `Bearer ${headerSecret}` }, body: good },
    { name: "encoded CRLF in header secret", segments: ["corpus", "header"], headers: { ...json, "x-hookflow-secret": `${headerSecret}%0d%0aX-Admin:%201` }, body: good },
  ];
}

function methods(): Case[] {
  return [
    { name: "OPTIONS through POST export", segments: open, method: "OPTIONS", via: "POST" },
    { name: "PROPFIND through POST export", segments: open, method: "PROPFIND", via: "POST", headers: json, body: "{}" },
    { name: "MKCOL through PUT export", segments: open, method: "MKCOL", via: "PUT" },
    { name: "LOCK through POST export", segments: open, method: "LOCK", via: "POST" },
    { name: "HEAD through GET export", segments: open, method: "HEAD", via: "GET" },
    { name: "lowercase patch", segments: open, method: "patch", via: "PATCH", headers: json, body: "{}" },
    { name: "GET on a POST webhook", segments: open, method: "GET" },
    { name: "PUT on a POST webhook", segments: open, method: "PUT", headers: json, body: "{}" },
    { name: "DELETE on a POST webhook", segments: open, method: "DELETE" },
    { name: "PATCH on a POST webhook", segments: open, method: "PATCH", headers: json, body: "{}" },
  ];
}

function headerSecrets(secret: string): Case[] {
  const to = (headers: Record<string, string>, name: string): Case => ({ name: `header auth: ${name}`, segments: ["corpus", "header"], headers: { ...json, ...headers }, body: '{"n":1}' });
  return [
    to({}, "missing"), to({ "x-hookflow-secret": "" }, "empty"), to({ "x-hookflow-secret": "wrong" }, "wrong"),
    to({ "x-hookflow-secret": secret.slice(0, 32) }, "prefix"), to({ "x-hookflow-secret": `${secret}0` }, "suffix"),
    to({ "x-hookflow-secret": secret.toUpperCase() }, "upper case"), to({ "x-api-key": secret }, "other header"),
    to({ "x-hookflow-secret": ` ${secret}x` }, "padded"),
  ];
}

function hmacSignatures(secret: string): Case[] {
  const body = '{"n":1}';
  const to = (signature: string | undefined, name: string, sent = body): Case => ({
    name: `hmac: ${name}`,
    segments: ["corpus", "hmac"],
    headers: { ...json, ...(signature === undefined ? {} : { "x-hookflow-signature": signature }) },
    body: sent,
  });
  // Signed when the corpus is built, seconds before it is sent: keep clear of the window's edge.
  const t = now();
  const valid = hookflowSignature(secret, body, t);
  const v1 = valid.split("v1=")[1]!;
  return [
    to(undefined, "missing"), to("", "empty"), to("garbage", "garbage"), to(`t=${t}`, "t only"), to(`v1=${v1}`, "v1 only"),
    to(`t=${t},v1=zz${v1.slice(2)}`, "bad hex"), to(hookflowSignature("wrong-secret", body, t), "wrong secret"),
    to(valid, "signed another body", '{"n":2}'), to(hookflowSignature(secret, body, t - 330), "stale (330 s old)"),
    to(hookflowSignature(secret, body, t + 330), "future (330 s ahead)"), to(hookflowSignature(secret, body, 0), "t=0"),
    to(`t=abc,v1=${v1}`, "t not a number"), to(`t=-5,v1=${v1}`, "t negative"), to(`t=${t},v0=${v1}`, "unknown scheme"),
    to(`t=${t},v1=${githubSignature(secret, body).slice(7)}`, "signature without t. prefix"),
    to(`t=${t + 1},v1=${v1}`, "replayed with a changed t"), to(`t=${t - 400},v1=${hookflowSignature(secret, body, t - 400).split("v1=")[1]}`, "replayed after window"),
    to(`t=${t},v1=${v1.slice(0, 40)}`, "sha1-length digest"), to(`t=${t},v1=${v1}`.replace(",", ";"), "wrong separator"),
    to(`t=${t}.5,v1=${v1}`, "fractional t"),
  ];
}

function githubSignatures(secret: string): Case[] {
  const body = '{"n":1}';
  const to = (signature: string | undefined, name: string, sent = body): Case => ({
    name: `github: ${name}`,
    segments: ["corpus", "github"],
    headers: { ...json, ...(signature === undefined ? {} : { "x-hub-signature-256": signature }) },
    body: sent,
  });
  const valid = githubSignature(secret, body);
  return [
    to(undefined, "missing"), to("", "empty"), to(`sha1=${valid.slice(7, 47)}`, "sha1"), to(valid.slice(7), "no prefix"),
    to(githubSignature("wrong", body), "wrong secret"), to(valid, "other body", '{"n":2}'), to(hookflowSignature(secret, body), "hookflow format"),
    to(`sha256=${valid.slice(7).toUpperCase()}x`, "padded"),
  ];
}

describe("webhook bad-input corpus", () => {
  let secrets: { header: string; hmac: string; github: string };

  beforeAll(async () => {
    await resetDatabase();
    const user = await makeUser();
    await makeWebhook(user, { path: "corpus/open" });
    secrets = {
      header: (await makeWebhook(user, { path: "corpus/header", auth: { type: "header" } })).secret,
      hmac: (await makeWebhook(user, { path: "corpus/hmac", auth: { type: "hmac" } })).secret,
      github: (await makeWebhook(user, { path: "corpus/github", auth: { type: "github" } })).secret,
    };
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("answers every one of 150+ bad deliveries with a 4xx JSON error and writes nothing", async () => {
    recordRealtime();
    const corpus = [
      ...malformedJson(), ...wrongContentTypes(), ...oversize(), ...nesting(), ...invalidUtf8(), ...paths(), ...headerTricks(secrets.header),
      ...methods(), ...headerSecrets(secrets.header), ...hmacSignatures(secrets.hmac), ...githubSignatures(secrets.github),
    ];
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    console.log(`[corpus] ${corpus.length} bad deliveries`);

    const problems: string[] = [];
    const statuses = new Map<number, number>();
    for (const c of corpus) {
      const response = await deliver(c);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      let code: unknown;
      try {
        code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
      } catch {
        code = undefined;
      }
      if (response.status < 400 || response.status > 499 || typeof code !== "string") {
        problems.push(`${c.name}: ${response.status} ${text.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(statuses.has(413) && statuses.has(401) && statuses.has(400) && statuses.has(404)).toBe(true);
    expect(await db().execution.count()).toBe(0);
    expect(await db().webhookDelivery.count()).toBe(0);

    // And the next good request on each webhook works.
    expect((await postJson("corpus/open", { n: 1 })).status).toBe(200);
    expect((await postJson("corpus/header", { n: 1 }, { "x-hookflow-secret": secrets.header })).status).toBe(200);
    const body = '{"n":1}';
    expect((await postJson("corpus/hmac", body, { "x-hookflow-signature": hookflowSignature(secrets.hmac, body) })).status).toBe(200);
    expect((await postJson("corpus/github", body, { "x-hub-signature-256": githubSignature(secrets.github, body) })).status).toBe(200);
    expect(await db().execution.count()).toBe(4);
  });
});
