import http, { type RequestOptions } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClientOptions, Transport } from "../net/http-client";
import type { Resolver } from "../net/vet-target";
import { runWorkflow } from "../run-workflow";
import { customWorkflow, triggerPayload } from "../test-support";
import { webhook } from "./webhook";
import { createHttpRequestNode } from "./http-request";

// Every request here goes to a server on 127.0.0.1, which only allowPrivateNetwork (or a test
// transport that stands in for a public host) lets through.

let server: http.Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const route = url.pathname;
      if (route === "/json") return json(res, 200, { hello: "world" });
      if (route === "/echo") {
        return json(res, 200, { method: req.method, headers: req.headers, query: Object.fromEntries(url.searchParams), body: Buffer.concat(chunks).toString() });
      }
      if (route === "/text") return send(res, 200, "text/plain", "plain words");
      if (route === "/gzip") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        return res.end(gzipSync(JSON.stringify({ zipped: true })));
      }
      if (route === "/missing") return json(res, 404, { error: "no such thing" });
      if (route === "/redirect") {
        res.writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("to") ?? "/json" });
        return res.end();
      }
      if (route === "/big") {
        // Chunked, so no content-length warns the client: the limit must hold while streaming.
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = "x".repeat(64 * 1024);
        const count = Number(url.searchParams.get("chunks") ?? 64);
        let sent = 0;
        const pump = () => {
          while (sent < count) {
            sent++;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        return pump();
      }
      if (route === "/slow") return; // never answers
      json(res, 500, { error: "unknown route" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function json(res: http.ServerResponse, status: number, body: unknown) {
  send(res, status, "application/json", JSON.stringify(body));
}
function send(res: http.ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}

async function runHttp(parameters: Record<string, unknown>, options: HttpClientOptions = { allowPrivateNetwork: true }, signal?: AbortSignal) {
  const handler = createHttpRequestNode(options);
  const workflow = customWorkflow(
    [
      { id: "hook", handler: webhook },
      { id: "http", handler, parameters: handler.parameters.parse(parameters) as Record<string, unknown> },
    ],
    [{ from: "hook", to: "http" }],
  );
  const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload({ id: 7 }), ...(signal ? { signal } : {}) });
  const node = result.nodeResults.find((r) => r.nodeId === "http");
  return { result, node, data: node?.data as { status: number; headers: Record<string, string>; body: unknown } | undefined };
}

/** A transport that must never be used: proves a refusal happened before any connection. */
function noConnection() {
  const calls: string[] = [];
  const transport: Transport = (url) => {
    calls.push(url.href);
    throw new Error(`unexpected connection to ${url.href}`);
  };
  return { calls, transport };
}

/** Stands in for a public host: vetting sees a public address, the bytes go to the local server. */
function publicHostTransport(seen: RequestOptions[] = []): Transport {
  return (_url, options) => {
    seen.push(options);
    return http.request({ ...options, host: "127.0.0.1", port });
  };
}

const publicResolver: Resolver = (hostname) =>
  Promise.resolve(hostname === "public.example" ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);

describe("httpRequest node", () => {
  it("GETs JSON from a loopback server when private networks are allowed", async () => {
    const { result, data } = await runHttp({ url: `${base}/json` });
    expect(result.status).toBe("completed");
    expect(data).toMatchObject({ status: 200, body: { hello: "world" } });
    expect(data?.headers["content-type"]).toBe("application/json");
  });

  it("sends method, JSON body, headers and query, with expressions resolved", async () => {
    const { data } = await runHttp({
      method: "post",
      url: `${base}/echo?fixed=1`,
      headers: { "x-order": "{{ body.id }}" },
      query: { page: 2, id: "{{ body.id }}" },
      body: { order: "{{ body.id }}", items: [1, 2] },
    });
    const echo = data?.body as { method: string; headers: Record<string, string>; query: Record<string, string>; body: string };
    expect(echo.method).toBe("POST");
    expect(echo.headers["x-order"]).toBe("7");
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(echo.query).toEqual({ fixed: "1", page: "2", id: "7" });
    expect(JSON.parse(echo.body)).toEqual({ order: 7, items: [1, 2] });
  });

  it("sends a string body raw", async () => {
    const { data } = await runHttp({ method: "PUT", url: `${base}/echo`, body: "a=1&b=2", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(data?.body).toMatchObject({ method: "PUT", body: "a=1&b=2", headers: { "content-type": "application/x-www-form-urlencoded" } });
  });

  it("returns text by content-type, or as asked, and decodes gzip", async () => {
    expect((await runHttp({ url: `${base}/text` })).data?.body).toBe("plain words");
    expect((await runHttp({ url: `${base}/json`, responseType: "text" })).data?.body).toBe('{"hello":"world"}');
    expect((await runHttp({ url: `${base}/gzip` })).data?.body).toEqual({ zipped: true });
    const failed = await runHttp({ url: `${base}/text`, responseType: "json" });
    expect(failed.node?.error?.message).toMatch(/not valid JSON/);
  });

  it("times out a request that never answers", async () => {
    const { result, node } = await runHttp({ url: `${base}/slow`, timeoutMs: 150 });
    expect(result.status).toBe("failed");
    expect(node?.error).toMatchObject({ name: "TimeoutError", message: "request timed out after 150 ms" });
  });

  it("stops reading past maxResponseBytes", async () => {
    const { node } = await runHttp({ url: `${base}/big`, maxResponseBytes: 100_000 });
    expect(node?.error).toMatchObject({ name: "ResponseTooLargeError" });
    expect(node?.error?.message).toContain("limit of 100000 bytes");
    const whole = await runHttp({ url: `${base}/big?chunks=8`, maxResponseBytes: 600_000 });
    expect(whole.data?.body).toHaveLength(8 * 64 * 1024);
  });

  it("fails on 4xx by default, with the status in the message; returns it when told not to", async () => {
    const { node } = await runHttp({ url: `${base}/missing` });
    expect(node?.error?.message).toMatch(/^HTTP 404 Not Found from GET http:\/\/127\.0\.0\.1:\d+\/missing: \{"error":"no such thing"\}/);
    const { data } = await runHttp({ url: `${base}/missing`, failOnHttpError: false });
    expect(data).toMatchObject({ status: 404, body: { error: "no such thing" } });
  });

  it("aborts an in-flight request when the run is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { result } = await runHttp({ url: `${base}/slow`, timeoutMs: 60_000 }, { allowPrivateNetwork: true }, controller.signal);
    expect(result.status).toBe("cancelled");
  });

  it("follows redirects (relative and absolute), up to the limit", async () => {
    const ok = await runHttp({ url: `${base}/redirect?to=${encodeURIComponent(`${base}/redirect?to=/json`)}` });
    expect(ok.data?.body).toEqual({ hello: "world" });
    const post = await runHttp({ method: "POST", url: `${base}/redirect?status=303&to=/echo`, body: { a: 1 } });
    expect(post.data?.body).toMatchObject({ method: "GET", body: "" });
    const loop = await runHttp({ url: `${base}/redirect?to=${encodeURIComponent("/redirect?to=/redirect")}` }, { allowPrivateNetwork: true, maxRedirects: 1 });
    expect(loop.node?.error?.message).toBe("too many redirects (more than 1)");
  });

  it("refuses the loopback test server when private networks are not allowed", async () => {
    const { transport, calls } = noConnection();
    const { node } = await runHttp({ url: `${base}/json` }, { transport });
    expect(node?.error).toMatchObject({ name: "NetworkPolicyError" });
    expect(node?.error?.message).toContain("127.0.0.1 is a loopback address");
    expect(calls).toEqual([]);
  });

  it.each([
    ["http://127.0.0.1/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://169.254.169.254/latest/meta-data", "cloud metadata"],
    ["http://10.0.0.5/", "private"],
    ["http://[::ffff:127.0.0.1]/", "127.0.0.1 is a loopback"],
    ["http://2130706433/", "127.0.0.1 is a loopback"],
    ["http://0177.0.0.1/", "127.0.0.1 is a loopback"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://localhost/", "loopback hostname"],
    ["http://internal.example/", '"internal.example" resolves to 127.0.0.1'],
    ["http://metadata.google.internal/", "metadata hostname"],
    ["file:///etc/passwd", "only http and https"],
  ])("refuses %s before any connection", async (url, reason) => {
    const { transport, calls } = noConnection();
    const { node } = await runHttp({ url }, { transport, resolver: publicResolver });
    expect(node?.error?.name).toBe("NetworkPolicyError");
    expect(node?.error?.message).toContain(reason);
    expect(calls).toEqual([]);
  });

  it("pins the vetted address while keeping the Host header", async () => {
    const seen: RequestOptions[] = [];
    const { data } = await runHttp({ url: "http://public.example/echo" }, { transport: publicHostTransport(seen), resolver: publicResolver });
    expect(seen[0]).toMatchObject({ host: "93.184.216.34", family: 4 });
    expect(data?.body).toMatchObject({ headers: { host: "public.example" } });
  });

  it("re-vets every redirect target and drops credentials across origins", async () => {
    const to = (target: string) => `http://public.example/redirect?to=${encodeURIComponent(target)}`;
    for (const target of ["http://10.0.0.5/", "http://localhost/", "http://internal.example/x", "http://[::1]/"]) {
      const { node } = await runHttp({ url: to(target) }, { transport: publicHostTransport(), resolver: publicResolver });
      expect(node?.error?.name).toBe("NetworkPolicyError");
      expect(node?.error?.message).toMatch(/^redirect 1 to /);
    }
    const seen: RequestOptions[] = [];
    const { data } = await runHttp(
      { url: to("http://other.public.example/echo"), headers: { authorization: "Bearer secret", "x-keep": "1" } },
      { transport: publicHostTransport(seen), resolver: () => Promise.resolve([{ address: "93.184.216.34", family: 4 }]) },
    );
    expect(data?.body).toMatchObject({ headers: { host: "other.public.example", "x-keep": "1" } });
    expect((data?.body as { headers: Record<string, string> }).headers.authorization).toBeUndefined();
    expect(seen[0]?.headers).toMatchObject({ authorization: "Bearer secret" });
  });

  it("refuses a hostname when any of its addresses is private (DNS rebinding)", async () => {
    const { transport, calls } = noConnection();
    const resolver: Resolver = () => Promise.resolve([{ address: "93.184.216.34", family: 4 }, { address: "127.0.0.1", family: 4 }]);
    const { node } = await runHttp({ url: "http://rebind.example/" }, { transport, resolver });
    expect(node?.error?.message).toContain('"rebind.example" resolves to 127.0.0.1 is a loopback address');
    expect(calls).toEqual([]);
  });

  it("refuses metadata addresses even when private networks are allowed", async () => {
    const { transport, calls } = noConnection();
    const { node } = await runHttp({ url: "http://169.254.169.254/latest/meta-data" }, { allowPrivateNetwork: true, transport });
    expect(node?.error?.message).toContain("169.254.169.254 is a cloud metadata address");
    expect(calls).toEqual([]);
  });

  it("rejects a method outside the list", async () => {
    const { node } = await runHttp({ method: "TRACE", url: `${base}/json` });
    expect(node?.error?.message).toMatch(/method must be one of GET, POST, PUT, PATCH, DELETE, HEAD/);
  });
});

describe("httpRequest idempotency key", () => {
  it("sends <run id>:<node id> when asked, the same on every try, and not otherwise", async () => {
    const handler = createHttpRequestNode({ allowPrivateNetwork: true });
    const run = async (parameters: Record<string, unknown>) => {
      const workflow = customWorkflow(
        [
          { id: "hook", handler: webhook },
          { id: "http", handler, parameters: handler.parameters.parse(parameters) as Record<string, unknown> },
        ],
        [{ from: "hook", to: "http" }],
      );
      const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload(), runId: "exec-1" });
      return (result.nodeResults.at(-1)?.data as { body: { headers: Record<string, string> } }).body.headers;
    };
    expect((await run({ url: `${base}/echo`, idempotencyKey: true }))["idempotency-key"]).toBe("exec-1:http");
    expect((await run({ url: `${base}/echo`, idempotencyKey: true }))["idempotency-key"]).toBe("exec-1:http");
    expect((await run({ url: `${base}/echo` }))["idempotency-key"]).toBeUndefined();
    expect((await run({ url: `${base}/echo`, idempotencyKey: true, headers: { "Idempotency-Key": "mine" } }))["idempotency-key"]).toBe("mine");
  });
});
