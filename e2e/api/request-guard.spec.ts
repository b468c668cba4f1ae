import { request as httpRequest } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";

// Issue 10 against the production build: the cases that only exist in a real Next server
// (undecodable paths that Next's router itself fails on, dot segments the URL parser resolves
// before routing, unknown routes Next would answer with its HTML 404 page), plus a seeded burst
// of generated raw paths. Raw paths go out through node:http, which sends them as written
// (Playwright's request fixture, like any URL parser, would resolve the dot segments first).

type Raw = { status: number; contentType: string; body: string };

function raw(baseURL: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: text }));
    });
    req.on("error", reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer within 15 s: ${method} ${path}`)));
    req.end(body);
  });
}

function expectJsonError(r: Raw, status: number, what: string) {
  expect(r.status, `${what}: ${r.body.slice(0, 200)}`).toBe(status);
  expect(r.contentType, what).toContain("application/json");
  expect(typeof (JSON.parse(r.body) as { error: { code: unknown } }).error.code, what).toBe("string");
}

async function setUp(request: APIRequestContext, path: string): Promise<string> {
  const email = `guard-${Date.now()}-${Math.random().toString(36).slice(2)}@hookflow.test`;
  expect((await request.post("/api/auth/sign-up", { data: { email, password: "e2e-password-123" } })).status()).toBe(201);
  const created = await request.post("/api/workflows", {
    data: {
      name: "Guarded",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] } },
        { id: "done", type: "noop", parameters: {} },
      ],
      connections: [{ from: "webhook", to: "done" }],
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function executionCount(request: APIRequestContext, workflowId: string): Promise<number> {
  const response = await request.get(`/api/executions?workflowId=${workflowId}&limit=200`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

test("undecodable paths, dot segments, unknown routes and methods get JSON errors; no refused call runs", async ({ request, baseURL }) => {
  const path = `guard/${Date.now()}/sink`;
  const workflowId = await setUp(request, path);
  const [a, b, c] = path.split("/");

  for (const p of ["/api/webhooks/%ff", "/api/executions/%ff", "/api/workflows/%zz"]) expectJsonError(await raw(baseURL!, "GET", p), 400, p);
  for (const p of [`/api/webhooks/${a}/${b}/x/../${c}`, `/api/webhooks/${a}/${b}/./${c}`, `/api/webhooks/${a}/${b}/x/%2e%2e/${c}`, `/api/webhooks/${a}/${b}/%2E/${c}`]) {
    expectJsonError(await raw(baseURL!, "POST", p, { "content-type": "application/json" }, "{}"), 404, p);
  }
  expectJsonError(await raw(baseURL!, "GET", "/api/nope"), 404, "GET /api/nope");
  expectJsonError(await raw(baseURL!, "POST", "/api/webhooks"), 404, "POST /api/webhooks");
  expectJsonError(await raw(baseURL!, "DELETE", "/api/executions"), 405, "DELETE /api/executions");
  expectJsonError(await raw(baseURL!, "PATCH", "/api/workflows"), 405, "PATCH /api/workflows");
  for (const type of [";;;", "application/json; charset", 'application/json; charset="utf-8']) {
    expectJsonError(await raw(baseURL!, "POST", `/api/webhooks/${path}`, { "content-type": type }, "{}"), 415, type);
  }
  const deep = await request.post("/api/workflows", { headers: { "content-type": "application/json" }, data: `{"name":${"[".repeat(5000)}${"]".repeat(5000)}}` });
  expect(deep.status()).toBe(400);

  expect(await executionCount(request, workflowId)).toBe(0);
  // The same webhook without the tricks runs, once.
  expect((await raw(baseURL!, "POST", `/api/webhooks/${path}`, { "content-type": "application/json" }, "{}")).status).toBe(200);
  expect(await executionCount(request, workflowId)).toBe(1);
});

test("webhook URLs follow the Host header, not the address the server is bound to", async ({ request, baseURL }) => {
  const path = `origin/${Date.now()}`;
  const workflowId = await setUp(request, path);
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const r = await raw(baseURL!, "GET", `/api/workflows/${workflowId}`, { host: "hooks.example.com", cookie });
  expect(r.status).toBe(200);
  expect((JSON.parse(r.body) as { webhooks: { url: string }[] }).webhooks[0]!.url).toBe(`http://hooks.example.com/api/webhooks/${path}`);
});

test("a seeded burst of generated raw paths and methods: never a 5xx, every /api answer JSON", async ({ baseURL }) => {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`[fuzz] e2e seed ${seed}`);
  // Characters a request-target may carry (Node's parser refuses the rest before Next sees it).
  const unit = fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@%", "%ff", "%zz", "%2e", "%2E%2e", "%00", "%2F", "%c3%28", "..", ".");
  const segment = fc.string({ unit, minLength: 1, maxLength: 8 });
  const prefix = fc.constantFrom("/api", "/api/webhooks", "/api/workflows", "/api/executions", "/api/api-keys", "/api/auth", "/api/settings");
  const target = fc.tuple(prefix, fc.array(segment, { maxLength: 4 })).map(([p, segs]) => [p, ...segs].join("/"));
  const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
  await fc.assert(
    fc.asyncProperty(target, method, async (p, m) => {
      const r = await raw(baseURL!, m, p, m === "GET" || m === "HEAD" ? {} : { "content-type": "application/json" }, m === "GET" || m === "HEAD" ? undefined : "{}");
      expect(r.status, `${m} ${p}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
      // Dot segments that climb out of /api (`/api/%2e%2e` is `/`) name a page, not an API route.
      const stillApi = new URL(p, baseURL).pathname.startsWith("/api/");
      if (r.status >= 400 && m !== "HEAD" && stillApi) expect(r.contentType, `${m} ${p}`).toContain("application/json");
    }),
    { seed, numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
  );
});
