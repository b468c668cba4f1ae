import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { ROUTE_METHODS } from "@/lib/api/route-methods";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import { resetDatabase } from "./db";
import { makeUser, makeWorkflow, recordRealtime } from "./helpers";
import { makeFuzzedHook } from "./fuzz/fuzzed-hook";
import { postJson } from "./webhook-fixtures";
import { body, headerText } from "./fuzz/arbitraries";
import { discoverRoutes, fillTemplate, type DiscoveredRoute } from "./fuzz/discover-routes";

// Issue 18: the route fuzzer's browser side. Every route under app/api, through the real
// handlers, with session cookies (valid, malformed, foreign), Origin (the app's, foreign, null,
// missing, garbage), Sec-Fetch-Site and content types mixed. Whatever comes in:
// - never a 5xx (a malformed cookie is no session, not a URIError);
// - a state change with cookies and without an Authorization header (or any to sign-in/up) is a
//   403 csrf_refused unless it is same-origin JSON (webhooks excepted: senders never use the
//   session; a 404 for an unknown route or a 405 for a method says what is wrong instead);
// - same-origin JSON is never refused as CSRF.
// Replay a failure with FUZZ_SEED=<seed printed below>.
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const APP = "http://localhost:3000";
const METHODS = [...ROUTE_METHODS, "OPTIONS"] as const;
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const SESSION_STARTERS = new Set(["/api/auth/sign-in", "/api/auth/sign-up"]);

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

const routes = discoverRoutes();
const isWebhookRoute = (route: DiscoveredRoute) => route.template === "/api/webhooks/[...path]";
// Refusals that change nothing answer what is wrong (404 unknown route, 405 method), CSRF or not.
const isCatchAll = (route: DiscoveredRoute) => route.template === "/api/[[...unknown]]";

const MALFORMED_COOKIES = ["%E0%A4%A", "%", "%zz", "%C0%80", "%00", "hfs_%FF%FE", "\u00e9", "a=b=c", "x".repeat(5000)];

type Fixtures = { cookie: string; apiKey: string; ids: Record<string, string> };

function cookieArbitrary(fixtures: Fixtures) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ kind: "session" as const, header: fixtures.cookie }) },
    { weight: 3, arbitrary: fc.constantFrom(...MALFORMED_COOKIES).map((v) => ({ kind: "malformed" as const, header: `${SESSION_COOKIE}=${v}` })) },
    { weight: 1, arbitrary: headerText.map((v) => ({ kind: "malformed" as const, header: `${SESSION_COOKIE}=${v}` })) },
    { weight: 1, arbitrary: fc.constant({ kind: "session" as const, header: `theme=dark; ${fixtures.cookie}; ${SESSION_COOKIE}x=1` }) },
    { weight: 1, arbitrary: fc.constant({ kind: "none" as const, header: undefined }) },
  );
}

const origin = fc.oneof(
  { weight: 3, arbitrary: fc.constant(APP) },
  { weight: 4, arbitrary: fc.constantFrom(undefined, "null", "https://evil.example", "http://localhost:3000.evil.example", "http://evil.localhost:3000", "http://localhost:3001", "file://", "localhost:3000") },
  { weight: 1, arbitrary: headerText },
);
const secFetchSite = fc.constantFrom(undefined, undefined, "same-origin", "same-site", "cross-site", "none");
const contentType = fc.constantFrom(undefined, "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ";;;", "text/plain; charset=utf-8");

function requestArbitrary(route: DiscoveredRoute, fixtures: Fixtures) {
  return fc.record({
    method: fc.constantFrom(...METHODS),
    cookie: cookieArbitrary(fixtures),
    authorization: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(`Bearer ${fixtures.apiKey}`) }),
    origin,
    secFetchSite,
    contentType,
    body,
    params: fc.constant(Object.fromEntries(route.params.map((p) => [p.name, p.catchAll ? ["fuzz", "hook"] : (fixtures.ids[p.name] ?? "x")]))),
  });
}

type Generated = ReturnType<typeof requestArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function isJson(type: string | undefined): boolean {
  return type !== undefined && /^application\/json(;|$)/.test(type);
}

/** What the CSRF rule (lib/auth/same-origin.ts) must answer for this request: refuse or not. */
function mustRefuse(route: DiscoveredRoute, implemented: string[], r: Generated): boolean {
  if (isWebhookRoute(route) || isCatchAll(route) || !implemented.includes(r.method) || SAFE.has(r.method) || r.authorization) return false;
  // Without cookies a request acts on no session (an API client without a key is told 401),
  // except where a session starts: sign-in and sign-up (login CSRF).
  if (r.cookie.header === undefined && !SESSION_STARTERS.has(route.template)) return false;
  const sameOrigin = r.origin === APP || (r.origin === undefined && r.secFetchSite === "same-origin");
  return !(isJson(r.contentType) && sameOrigin);
}

describe(`auth header fuzzing (seed ${SEED}, ${RUNS} runs per route)`, () => {
  let fixtures: Fixtures;
  let owner: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    console.log(`[fuzz-auth] seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run --project integration test/fuzz-auth-headers.int.test.ts)`);
    await resetDatabase();
    recordRealtime();
    owner = await makeUser("fuzz-auth");
    const other = await makeUser("hook-owner");
    await makeFuzzedHook(other.id);
  });

  // Fresh ids and a fresh session per route: an earlier route may have deleted or signed out.
  let generation = 0;
  beforeEach(async () => {
    generation += 1;
    const path = `fuzz-auth/owned-${generation}`;
    const workflow = await makeWorkflow(owner.id, { ...WORKFLOW_TEMPLATES[0]!.build(path), active: true });
    const ran = await postJson(path, WORKFLOW_TEMPLATES[0]!.sampleBody);
    const execution = ran.headers.get("x-hookflow-execution-id") ?? "x";
    const spare = await createApiKey(owner.id, "spare");
    const { key } = await createApiKey(owner.id, `fuzz-auth-${generation}`);
    const { token } = await createSession(owner.id);
    fixtures = {
      cookie: `${SESSION_COOKIE}=${token}`,
      apiKey: key,
      ids: { id: workflow.id, nodeId: "webhook", version: "1" },
    };
    // Parameters named by the segment before them (/executions/[id], /api-keys/[id]).
    fixtures.ids.execution = execution;
    fixtures.ids.apiKey = spare.id;
  });

  for (const route of routes) {
    it(`${route.template}: no 5xx; cookie state changes that are not same-origin JSON are 403 csrf_refused`, async () => {
      const mod = (await import(route.file)) as Record<string, Handler>;
      const probe = Object.fromEntries(route.params.map((p) => [p.name, p.catchAll ? ["x"] : "x"]));
      const options = await mod.OPTIONS!(new Request(`${APP}${fillTemplate(route, probe)}`, { method: "OPTIONS" }), { params: Promise.resolve(probe) });
      const implemented = (options.headers.get("allow") ?? "").split(/,\s*/);
      const idFor = route.template.startsWith("/api/executions") ? fixtures.ids.execution : route.template.startsWith("/api/api-keys") ? fixtures.ids.apiKey : fixtures.ids.id;
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, { ...fixtures, ids: { ...fixtures.ids, id: idFor! } }), async (r) => {
          const headers = new Headers();
          if (r.cookie.header !== undefined) headers.set("cookie", r.cookie.header);
          if (r.authorization) headers.set("authorization", r.authorization);
          if (r.origin !== undefined) headers.set("origin", r.origin);
          if (r.secFetchSite !== undefined) headers.set("sec-fetch-site", r.secFetchSite);
          if (r.contentType !== undefined) headers.set("content-type", r.contentType);
          const hasBody = r.method !== "GET" && r.body !== undefined;
          const request = new Request(`${APP}${fillTemplate(route, r.params)}`, { method: r.method, headers, body: hasBody ? (r.body as BodyInit) : undefined });
          const response = await mod[r.method]!(request, { params: Promise.resolve(r.params) });
          const text = await response.text();
          const what = `${r.method} ${route.template} cookie=${r.cookie.kind} origin=${r.origin} sfs=${r.secFetchSite} type=${r.contentType} auth=${r.authorization ? "key" : "none"} → ${response.status} ${text.slice(0, 200)}`;
          expect(response.status, what).toBeLessThan(500);
          const code = response.status >= 400 ? (JSON.parse(text) as { error: { code: string } }).error.code : undefined;
          if (mustRefuse(route, implemented, r)) {
            expect(response.status, what).toBe(403);
            expect(code, what).toBe("csrf_refused");
          } else {
            expect(code, what).not.toBe("csrf_refused");
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
