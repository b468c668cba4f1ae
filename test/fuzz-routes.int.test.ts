import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createApiKey } from "@/lib/auth/api-keys";
import { ROUTE_METHODS } from "@/lib/api/route-methods";
import { RAW_PATH_HEADER } from "@/lib/api/request-path";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import { resetDatabase } from "./db";
import { makeUser, makeWorkflow, recordRealtime } from "./helpers";
import { makeFuzzedHook } from "./fuzz/fuzzed-hook";
import { postJson } from "./webhook-fixtures";
import { body, contentType, extraHeaders, headerText, hostileSegment, queryString } from "./fuzz/arbitraries";
import { discoverRoutes, fillTemplate, type DiscoveredRoute } from "./fuzz/discover-routes";
import { VALID_REQUESTS, type Fixtures, type ValidRequest } from "./fuzz/valid-requests";

// Property-based fuzzing of every route under app/api (found from the file tree) through the
// real handlers and the real database: whatever the path, method, headers, content type and
// body, the answer is a JSON 4xx or a success, never a 5xx or a hang, and a refused webhook
// call creates no execution. Replay a failure with FUZZ_SEED=<seed printed below>.
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const HANG_MS = 15_000;
const METHODS = [...ROUTE_METHODS, "OPTIONS"] as const;

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

const routes = discoverRoutes();
const isWebhookRoute = (route: DiscoveredRoute) => route.template === "/api/webhooks/[...path]";

// The segment before a parameter says what it names (/workflows/[id], /webhooks/[nodeId]): the
// matching fixture id gets past the 404 to what lies behind it. A parameter under a segment not
// listed here (a route added later) gets every fixture id.
function knownValues(route: DiscoveredRoute, name: string, fixtures: Fixtures): string[] {
  const segments = route.template.split("/");
  const before = segments[segments.findIndex((s) => s.replace(/[[\].]/g, "") === name) - 1] ?? "";
  const all = [...Object.values(fixtures.ids), "webhook"];
  const known: Record<string, string[]> = { workflows: [fixtures.ids.workflow], executions: [fixtures.ids.execution], "api-keys": [fixtures.ids.apiKey], webhooks: ["webhook"], versions: ["1", "2"] };
  return known[before] ?? all;
}

function paramArbitrary(route: DiscoveredRoute, fixtures: Fixtures): fc.Arbitrary<Record<string, string | string[]>> {
  const entries = route.params.map((p) => {
    const known = fc.constantFrom(...knownValues(route, p.name, fixtures));
    if (!p.catchAll) return fc.tuple(fc.constant(p.name), fc.oneof({ weight: 2, arbitrary: known }, { weight: 1, arbitrary: hostileSegment }));
    // The webhook fixture's own path most of the time, so bodies get past resolution.
    const segments = fc.oneof({ weight: 3, arbitrary: fc.constant(["fuzz", "hook"]) }, { weight: 2, arbitrary: fc.array(hostileSegment, { minLength: 1, maxLength: 4 }) });
    return fc.tuple(fc.constant(p.name), segments);
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs));
}

// Mostly the methods the route implements (it says which in its OPTIONS answer), so bodies
// reach parsing and validation; sometimes any method, for the 405s.
function methodArbitrary(implemented: string[]): fc.Arbitrary<(typeof METHODS)[number]> {
  const own = ROUTE_METHODS.filter((m) => implemented.includes(m));
  return own.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }) : fc.constantFrom(...METHODS);
}

function requestArbitrary(route: DiscoveredRoute, fixtures: Fixtures, implemented: string[]) {
  return fc.record({
    method: methodArbitrary(implemented),
    params: paramArbitrary(route, fixtures),
    query: queryString,
    authorization: fc.oneof(
      { weight: 4, arbitrary: fc.constant(`Bearer ${fixtures.apiKey}`) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, "Bearer hfk_nope", `Bearer ${process.env.CRON_SECRET}`, "Basic x") },
    ),
    contentType,
    host: fc.oneof(fc.constant(undefined), fc.constantFrom("hooks.example.com", "a b", "[::1]:1"), headerText),
    extra: extraHeaders,
    body,
  });
}

type Generated = ReturnType<typeof requestArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function buildRequest(route: DiscoveredRoute, r: Generated): Request {
  const headers = new Headers(r.extra);
  if (r.authorization) headers.set("authorization", r.authorization);
  if (r.contentType !== undefined) headers.set("content-type", r.contentType);
  if (r.host !== undefined) headers.set("host", r.host);
  const hasBody = r.method !== "GET" && r.body !== undefined;
  return new Request(`http://localhost:3000${fillTemplate(route, r.params)}${r.query}`, { method: r.method, headers, body: hasBody ? (r.body as BodyInit) : undefined });
}

function buildValidRequest(route: DiscoveredRoute, fixtures: Fixtures, v: ValidRequest): Request {
  const headers = new Headers();
  const authorization = { apiKey: `Bearer ${fixtures.apiKey}`, cron: `Bearer ${process.env.CRON_SECRET}`, anonymous: undefined }[v.as ?? "apiKey"];
  if (authorization) headers.set("authorization", authorization);
  // Without a key, a valid request is the app's own page: same-origin (the CSRF rule, lib/auth/same-origin.ts).
  else headers.set("origin", "http://localhost:3000");
  if (v.json !== undefined) headers.set("content-type", "application/json");
  if (v.form !== undefined) headers.set("content-type", "application/x-www-form-urlencoded");
  const body = v.json !== undefined ? JSON.stringify(v.json) : v.form && new URLSearchParams(v.form).toString();
  return new Request(`http://localhost:3000${fillTemplate(route, v.params ?? {})}${v.query ?? ""}`, { method: v.method, headers, body });
}

async function withinTime<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms: ${what}`)), HANG_MS)));
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

// Status counts per route, printed at the end: shows the generators reach past auth and parsing.
const tally = new Map<string, Map<number, number>>();
function count(template: string, status: number): void {
  const byStatus = tally.get(template) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  tally.set(template, byStatus);
}

describe(`route fuzzing (seed ${SEED}, ${RUNS} runs per route)`, () => {
  let fixtures: Fixtures;

  let owner: Awaited<ReturnType<typeof makeUser>>;
  let hookWorkflowId: string;

  // Fresh ids for every route: an earlier route may have deleted the workflow or revoked the key.
  let generation = 0;
  async function makeFixtures(): Promise<Fixtures> {
    generation += 1;
    const path = `fuzz/owned-${generation}`;
    const workflow = await makeWorkflow(owner.id, { ...WORKFLOW_TEMPLATES[0]!.build(path), active: true });
    const ran = await postJson(path, WORKFLOW_TEMPLATES[0]!.sampleBody);
    const executionId = ran.headers.get("x-hookflow-execution-id");
    if (!executionId) throw new Error(`fixture run failed: ${ran.status} ${await ran.text()}`);
    const spareKey = await createApiKey(owner.id, "spare");
    const { key } = await createApiKey(owner.id, `fuzz-${generation}`);
    return { owner, apiKey: key, workflowPath: path, ids: { workflow: workflow.id, execution: executionId, apiKey: spareKey.id } };
  }

  beforeAll(async () => {
    console.log(`[fuzz] seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run --project integration test/fuzz-routes.int.test.ts)`);
    await resetDatabase();
    recordRealtime();
    owner = await makeUser("fuzz");
    // The webhook under fuzz belongs to someone else, so the fuzzer's own API calls cannot
    // delete or deactivate it: its row count stays a clean signal.
    const other = await makeUser("hook-owner");
    const hook = await makeFuzzedHook(other.id);
    hookWorkflowId = hook.id;
  });

  beforeEach(async () => {
    fixtures = await makeFixtures();
  });
  afterAll(() => {
    setPublishTransport(async () => undefined);
    const lines = [...tally].map(([route, byStatus]) => `${route}: ${[...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`);
    console.log(`[fuzz] statuses\n${lines.join("\n")}`);
  });

  it("discovers every route file; every route answers every method itself, behind the request guard", async () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const mod = (await import(route.file)) as Record<string, Handler | undefined>;
      const params = Object.fromEntries(route.params.map((p) => [p.name, p.catchAll ? ["x"] : "x"]));
      for (const method of METHODS) {
        expect(typeof mod[method], `${route.template} ${method}`).toBe("function");
        // A dot segment in the path as sent: only withRoute's guard refuses it (a 404 before auth).
        const headers = { [RAW_PATH_HEADER]: "/api/x/../y" };
        const response = await mod[method]!(new Request(`http://localhost:3000${fillTemplate(route, params)}`, { method, headers }), { params: Promise.resolve(params) });
        expect(response.status, `${route.template} ${method} must use withRoute`).toBe(404);
      }
    }
  });

  for (const route of routes) {
    it(`${route.template}: JSON 4xx or success, never 5xx or a hang; valid requests reach a 2xx`, async () => {
      const mod = (await import(route.file)) as Record<string, Handler>;
      const countHook = () => db().execution.count({ where: { workflowId: hookWorkflowId } });
      const probeParams = Object.fromEntries(route.params.map((p) => [p.name, p.catchAll ? ["x"] : "x"]));
      const options = await mod.OPTIONS!(new Request(`http://localhost:3000${fillTemplate(route, probeParams)}`, { method: "OPTIONS" }), { params: Promise.resolve(probeParams) });
      const implemented = (options.headers.get("allow") ?? "").split(/,\s*/);
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, fixtures, implemented), async (r) => {
          const request = buildRequest(route, r);
          const before = isWebhookRoute(route) ? await countHook() : 0;
          const what = `${r.method} ${request.url.slice(0, 200)}`;
          const response = await withinTime(mod[r.method]!(request, { params: Promise.resolve(r.params) }), what);
          const text = await withinTime(response.text(), what);
          count(route.template, response.status);
          expect(response.status, `${what} ${JSON.stringify(r.params).slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get("content-type"), what).toContain("application/json");
            expect(typeof (JSON.parse(text) as { error: { code: unknown } }).error.code).toBe("string");
          }
          if (isWebhookRoute(route)) {
            const created = (await countHook()) - before;
            // A repeated Idempotency-Key is answered from the first delivery (a replay): no new run.
            const replayed = response.headers.get("idempotent-replayed") === "true";
            expect(created, `${what} → ${response.status}`).toBe(response.status < 300 && response.status !== 204 && r.method !== "OPTIONS" && !replayed ? 1 : 0);
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );

      // Then what a real client sends, on fresh fixtures (the fuzzing may have deleted them).
      const valid = VALID_REQUESTS[route.template];
      expect(valid, `${route.template} has no entry in test/fuzz/valid-requests.ts`).toBeDefined();
      const validFixtures = await makeFixtures();
      for (const v of await valid!(validFixtures)) {
        const request = buildValidRequest(route, validFixtures, v);
        const response = await withinTime(mod[v.method]!(request, { params: Promise.resolve(v.params ?? {}) }), `${v.method} ${request.url}`);
        const text = await response.text();
        count(route.template, response.status);
        const answer = `${v.method} ${request.url} → ${response.status} ${text.slice(0, 300)}`;
        expect({ ok: response.ok, status: response.status }, answer).toMatchObject(v.status === undefined ? { ok: true } : { status: v.status });
      }
    });
  }
});
