import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import * as unknownRoute from "@/app/api/[[...unknown]]/route";
import * as apiKeysRoute from "@/app/api/api-keys/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as executionsRoute from "@/app/api/executions/route";
import * as realtimeAuthRoute from "@/app/api/realtime/auth/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as secretRoute from "@/app/api/workflows/[id]/webhooks/[nodeId]/secret/route";
import * as testRunRoute from "@/app/api/workflows/[id]/test/route";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import * as workflowsRoute from "@/app/api/workflows/route";
import { RAW_PATH_HEADER } from "@/lib/api/request-path";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { proxy } from "@/proxy";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime } from "./helpers";
import { deliver, echoWorkflow } from "./webhook-fixtures";

// Regression tests for each case of issue 10, through the real handlers (and proxy.ts).
// test/fuzz-routes.int.test.ts covers the same ground by generation; these pin the cases.

// Built as text: JSON.stringify itself would overflow on a 5,000-deep value.
const DEEP = '{"a":'.repeat(5000) + '"leaf"' + "}".repeat(5000);
const withDeep = (value: unknown) => JSON.stringify(value).replace('"__deep__"', DEEP);
const json = { "content-type": "application/json" };
let user: Awaited<ReturnType<typeof makeUser>>;
let workflowId: string;

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/json");
  return ((await response.json()) as { error: { code: string; message: string; details?: { field?: string } } }).error;
}

const executionCount = () => db().execution.count();

beforeAll(async () => {
  await resetDatabase();
  recordRealtime();
  user = await makeUser("guard");
  workflowId = (await makeWorkflow(user.id, echoWorkflow({ path: "guard/open", methods: ["POST", "GET"] }))).id;
});
afterEach(() => {
  vi.restoreAllMocks();
  setPublishTransport(async () => undefined);
});

describe("paths", () => {
  it("answers an undecodable path with a JSON 400 in the proxy, before Next's router could fail with a text 500", async () => {
    for (const path of ["/api/webhooks/%ff", "/api/executions/%ff", "/api/workflows/%zz"]) {
      const response = proxy(new NextRequest(`http://localhost:3000${path}`));
      expect(response.status, path).toBe(400);
      expect((await errorOf(response)).code).toBe("bad_request");
    }
    // A good path passes through the proxy untouched.
    expect(proxy(new NextRequest("http://localhost:3000/api/webhooks/guard/open")).headers.get("x-middleware-next")).toBe("1");
  });

  it("never runs a webhook through dot segments, however they are spelled (the raw path, as the server saw it)", async () => {
    const before = await executionCount();
    for (const raw of ["/api/webhooks/guard/x/../open", "/api/webhooks/guard/./open", "/api/webhooks/guard/x/%2e%2e/open", "/api/webhooks/guard/%2E/open"]) {
      // What Next hands the route: the URL with the dot segments already resolved away.
      const request = new Request("http://localhost:3000/api/webhooks/guard/open", { method: "POST", headers: { ...json, [RAW_PATH_HEADER]: raw }, body: "{}" });
      const response = await call(webhookRoute.POST, request, { path: ["guard", "open"] });
      expect(response.status, raw).toBe(404);
      expect(proxy(new NextRequest(request)).status, raw).toBe(404);
    }
    expect(await executionCount()).toBe(before);
    // The same request without dot segments runs: the refusal is the dots, not the webhook.
    expect((await deliver({ segments: ["guard", "open"], headers: json, body: "{}" })).status).toBe(200);
  });

  it("answers unknown API paths and methods with JSON 404 / 405 (with Allow)", async () => {
    const unknown = await call(unknownRoute.GET, new Request("http://localhost:3000/api/nope"), { unknown: ["nope"] });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("not_found");
    // POST /api/webhooks (no path) lands on the catch-all too.
    expect((await call(unknownRoute.POST, new Request("http://localhost:3000/api/webhooks", { method: "POST" }), { unknown: ["webhooks"] })).status).toBe(404);

    const del = await call(executionsRoute.DELETE, authed(user.apiKey, "/api/executions", { method: "DELETE" }), {});
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET");
    expect((await errorOf(del)).code).toBe("method_not_allowed");
    const patch = await call(workflowsRoute.PATCH, authed(user.apiKey, "/api/workflows", { method: "PATCH" }), {});
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, POST");
    const options = await call(workflowsRoute.OPTIONS, new Request("http://localhost:3000/api/workflows", { method: "OPTIONS" }), {});
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, POST, HEAD, OPTIONS"]);
  });
});

describe("JSON bodies", () => {
  it("refuses deep nesting on POST/PUT /api/workflows and POST /api/workflows/:id/test with a 400, not a stack overflow", async () => {
    const definition = { ...echoWorkflow({ path: "guard/deep" }), nodes: [{ id: "webhook", type: "webhook", parameters: { path: "guard/deep", extra: "__deep__" } }] };
    const body = withDeep(definition);
    const post = await call(workflowsRoute.POST, authed(user.apiKey, "/api/workflows", { method: "POST", headers: json, body }), {});
    const put = await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflowId}`, { method: "PUT", headers: json, body }), { id: workflowId });
    const test = await call(testRunRoute.POST, authed(user.apiKey, `/api/workflows/${workflowId}/test`, { method: "POST", headers: json, body: withDeep({ body: "__deep__" }) }), { id: workflowId });
    for (const response of [post, put, test]) {
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(/nested deeper than 64/);
    }
  });

  it("refuses a NUL anywhere in an API body with a 400 naming the field", async () => {
    const cases: [Promise<Response>, string][] = [
      [call(signInRoute.POST, new Request("http://localhost:3000/api/auth/sign-in", { method: "POST", headers: { ...json, origin: "http://localhost:3000" }, body: JSON.stringify({ email: "a\u0000@x", password: "p" }) }), {}), "email"],
      [call(apiKeysRoute.POST, authed(user.apiKey, "/api/api-keys", { method: "POST", headers: json, body: JSON.stringify({ name: "ci\u0000" }) }), {}), "name"],
      [call(workflowsRoute.POST, authed(user.apiKey, "/api/workflows", { method: "POST", headers: json, body: JSON.stringify({ ...echoWorkflow({ path: "guard/nul" }), name: "n\u0000" }) }), {}), "name"],
      [call(workflowsRoute.POST, authed(user.apiKey, "/api/workflows", { method: "POST", headers: json, body: JSON.stringify({ ...echoWorkflow({ path: "guard/nul" }), connections: [], nodes: [{ id: "w\u0000", type: "webhook", parameters: { path: "guard/nul" } }] }) }), {}), "nodes.0.id"],
      [call(apiKeysRoute.POST, authed(user.apiKey, "/api/api-keys", { method: "POST", headers: json, body: '{"name":"\\udfff"}' }), {}), "name"],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect(response.status, field).toBe(400);
      expect((await errorOf(response)).details?.field).toBe(field);
    }
    // %00 in a route parameter names nothing: 404, not a database error.
    const secret = await call(secretRoute.GET, authed(user.apiKey, `/api/workflows/${workflowId}/webhooks/%00/secret`), { id: workflowId, nodeId: "\u0000" });
    expect(secret.status).toBe(404);
  });

  it("refuses malformed Content-Type headers with a 415, on API bodies and webhooks (no row)", async () => {
    const before = await executionCount();
    for (const type of [";;;", "application/json; charset", 'application/json; charset="utf-8', "multipart/form-data; boundary=x"]) {
      const api = await call(apiKeysRoute.POST, authed(user.apiKey, "/api/api-keys", { method: "POST", headers: { "content-type": type }, body: '{"name":"x"}' }), {});
      expect(api.status, type).toBe(415);
      if (type.startsWith("multipart")) continue;
      const hook = await deliver({ segments: ["guard", "open"], headers: { "content-type": type }, body: '{"n":1}' });
      expect(hook.status, type).toBe(415);
      expect((await errorOf(hook)).code).toBe("unsupported_media_type");
    }
    expect(await executionCount()).toBe(before);
    // curl -d's default type still works for the README's examples.
    const curl = await call(apiKeysRoute.POST, authed(user.apiKey, "/api/api-keys", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: '{"name":"curl"}' }), {});
    expect(curl.status).toBe(201);
  });
});

describe("webhooks: NUL and unpaired surrogates are refused, never rewritten", () => {
  it("answers 400 naming the field for the body and the query, and creates no row", async () => {
    const before = await executionCount();
    const body = await deliver({ segments: ["guard", "open"], headers: json, body: '{"order":{"note":"a\\u0000b"}}' });
    expect(body.status).toBe(400);
    expect((await errorOf(body)).details?.field).toBe("order.note");
    const surrogate = await deliver({ segments: ["guard", "open"], headers: json, body: '{"email":"\\udfff"}' });
    expect(surrogate.status).toBe(400);
    const text = await deliver({ segments: ["guard", "open"], headers: { "content-type": "text/plain" }, body: "a\u0000b" });
    expect(text.status).toBe(400);
    const query = await call(webhookRoute.POST, new Request("http://localhost:3000/api/webhooks/guard/open?ref=a%00b", { method: "POST", headers: json, body: "{}" }), { path: ["guard", "open"] });
    expect(query.status).toBe(400);
    expect((await errorOf(query)).details?.field).toBe("query.ref");
    expect(await executionCount()).toBe(before);
  });
});

describe("errors by cause", () => {
  it("a client that disconnects while its body is read is logged as a closed request, not a database outage", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(String(line)));
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(String(line)));
    const abort = new AbortController();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("socket_id=1.2&"));
        setTimeout(() => {
          abort.abort();
          controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        }, 20);
      },
    });
    const request = authed(user.apiKey, "/api/realtime/auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: stream,
      signal: abort.signal,
      duplex: "half",
    } as RequestInit);
    const response = await call(realtimeAuthRoute.POST, request, {});
    expect(response.status).toBe(499);
    expect(lines.join("\n")).toContain("client closed the request");
    expect(lines.join("\n")).not.toContain("database unavailable");
  });
});
