import { beforeAll, describe, expect, it } from "vitest";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as signUpRoute from "@/app/api/auth/sign-up/route";
import * as apiKeysRoute from "@/app/api/api-keys/route";
import * as deactivateRoute from "@/app/api/workflows/[id]/deactivate/route";
import * as bulkRoute from "@/app/api/executions/bulk/route";
import * as executionsRoute from "@/app/api/executions/route";
import * as realtimeAuthRoute from "@/app/api/realtime/auth/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { db } from "@/lib/db";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { userChannel } from "@/lib/realtime/events";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime } from "./helpers";

// CSRF (issue 18): a cookie-authenticated state change must be same-origin JSON. A page on
// another origin (a sibling subdomain is "same-site", so SameSite=Lax lets the cookie through)
// can send forms, text/plain and bodyless requests without a preflight; it cannot set Origin.
const APP = "http://localhost:3000";
const none = {} as Record<string, never>;

let user: Awaited<ReturnType<typeof makeUser>>;
let cookie: string;
let workflowId: string;

function post(url: string, headers: Record<string, string>, body?: string, method = "POST") {
  return new Request(`${APP}${url}`, { method, headers, body });
}

async function refusal(response: Response) {
  expect(response.status).toBe(403);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("csrf_refused");
}

beforeAll(async () => {
  await resetDatabase();
  recordRealtime();
  user = await makeUser("csrf");
  const { token } = await createSession(user.id);
  cookie = `${SESSION_COOKIE}=${token}`;
  const workflow = await makeWorkflow(user.id, {
    name: "Victim",
    active: true,
    nodes: [{ id: "webhook", type: "webhook", parameters: { path: "csrf/victim", methods: ["POST"] } }],
    connections: [],
  });
  workflowId = workflow.id;
});

const keyCount = () => db().apiKey.count({ where: { userId: user.id } });

describe("CSRF: cookie-authenticated state changes", () => {
  it("refuses a foreign-origin form post (urlencoded) with a valid cookie, and creates no key", async () => {
    const before = await keyCount();
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, "name=stolen"), none));
    // The same form from a sibling origin of the same site.
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, origin: "http://evil.localhost:3000", "content-type": "application/x-www-form-urlencoded" }, "name=stolen"), none));
    expect(await keyCount()).toBe(before);
  });

  it("refuses a text/plain fetch with a valid cookie, even claiming the app's origin", async () => {
    const before = await keyCount();
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, origin: "https://evil.example", "content-type": "text/plain" }, '{"name":"stolen"}'), none));
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, origin: APP, "content-type": "text/plain" }, '{"name":"stolen"}'), none));
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, origin: APP }, '{"name":"stolen"}'), none));
    expect(await keyCount()).toBe(before);
  });

  it("refuses JSON from a foreign origin, with Origin: null, or without Origin or Sec-Fetch-Site", async () => {
    const before = await keyCount();
    const variants: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, {}, { "sec-fetch-site": "same-site" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of variants) {
      await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, "content-type": "application/json", ...headers }, '{"name":"stolen"}'), none));
    }
    expect(await keyCount()).toBe(before);
  });

  it("refuses a foreign deactivation and bulk delete (the issue's attacks); nothing changes", async () => {
    await refusal(await call(deactivateRoute.POST, post(`/api/workflows/${workflowId}/deactivate`, { cookie, origin: "https://evil.example", "content-type": "text/plain" }), { id: workflowId }));
    await refusal(await call(bulkRoute.POST, post("/api/executions/bulk", { cookie, origin: "https://evil.example", "content-type": "text/plain" }, '{"action":"delete","filter":{}}'), none));
    expect((await db().workflow.findUniqueOrThrow({ where: { id: workflowId } })).active).toBe(true);
    expect(await db().bulkOperation.count()).toBe(0);
  });

  it("accepts same-origin JSON (Origin, or Sec-Fetch-Site: same-origin when a browser sends no Origin)", async () => {
    const before = await keyCount();
    const created = await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, origin: APP, "content-type": "application/json" }, '{"name":"ui"}'), none);
    expect(created.status).toBe(201);
    const fetched = await call(apiKeysRoute.POST, post("/api/api-keys", { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8" }, '{"name":"ui2"}'), none);
    expect(fetched.status).toBe(201);
    expect(await keyCount()).toBe(before + 2);
  });

  it("compares against the Host header the browser connected to", async () => {
    const headers = { cookie, host: "hooks.example.com", "content-type": "application/json" };
    expect((await call(apiKeysRoute.POST, post("/api/api-keys", { ...headers, origin: "https://hooks.example.com" }, '{"name":"h"}'), none)).status).toBe(201);
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { ...headers, origin: "http://localhost:3000" }, '{"name":"h"}'), none));
    // x-forwarded-host from a client is not trusted without HOOKFLOW_TRUST_PROXY / Vercel.
    await refusal(await call(apiKeysRoute.POST, post("/api/api-keys", { ...headers, "x-forwarded-host": "evil.example", origin: "https://evil.example" }, '{"name":"h"}'), none));
  });

  it("leaves safe methods alone", async () => {
    const list = await call(executionsRoute.GET, new Request(`${APP}/api/executions`, { headers: { cookie, origin: "https://evil.example" } }), none);
    expect(list.status).toBe(200);
  });

  it("covers the realtime channel authorization: the app posts JSON, a foreign form is refused", async () => {
    const channel = userChannel(user.id);
    const form = new URLSearchParams({ socket_id: "123.456", channel_name: channel }).toString();
    await refusal(await call(realtimeAuthRoute.POST, post("/api/realtime/auth", { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, form), none));
    const ok = await call(realtimeAuthRoute.POST, post("/api/realtime/auth", { cookie, origin: APP, "content-type": "application/json" }, JSON.stringify({ socket_id: "123.456", channel_name: channel })), none);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { auth: string }).auth).toMatch(/^test-key:/);
  });
});

describe("CSRF: sign-in and sign-up (login CSRF)", () => {
  it("refuses a cross-site form that would sign the victim's browser in as the attacker", async () => {
    const sessions = await db().session.count();
    const attacker = await makeUser("attacker");
    const form = new URLSearchParams({ email: attacker.email, password: "password123" }).toString();
    const signIn = await call(signInRoute.POST, post("/api/auth/sign-in", { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, form), none);
    await refusal(signIn);
    expect(signIn.headers.get("set-cookie")).toBeNull();
    const signUp = await call(signUpRoute.POST, post("/api/auth/sign-up", { origin: "https://evil.example", "content-type": "text/plain" }, JSON.stringify({ email: "new@evil.example", password: "password123" })), none);
    await refusal(signUp);
    expect(await db().session.count()).toBe(sessions);
    expect(await db().user.count({ where: { email: "new@evil.example" } })).toBe(0);
  });

  it("signs in from the app's own page", async () => {
    const someone = await makeUser("signin");
    const signIn = await call(signInRoute.POST, post("/api/auth/sign-in", { origin: APP, "content-type": "application/json" }, JSON.stringify({ email: someone.email, password: "password123" })), none);
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get("set-cookie")).toMatch(/hookflow_session=/);
  });
});

describe("what the CSRF rule leaves alone", () => {
  it("API-key requests: any origin, any JSON-ish type (curl -d, scripts)", async () => {
    const created = await call(apiKeysRoute.POST, authed(user.apiKey, "/api/api-keys", { method: "POST", headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: '{"name":"script"}' }), none);
    expect(created.status).toBe(201);
  });

  it("requests with no cookies act on no session: an API client without a key is told 401, not 403", async () => {
    const response = await call(apiKeysRoute.POST, post("/api/api-keys", { "content-type": "text/plain" }, '{"name":"x"}'), none);
    expect(response.status).toBe(401);
    expect(await db().apiKey.count({ where: { name: "x" } })).toBe(0);
  });

  it("webhooks: senders are other servers and never use the session", async () => {
    const response = await call(webhookRoute.POST, post("/api/webhooks/csrf/victim", { origin: "https://sender.example", "content-type": "text/plain" }, "hello"), { path: ["csrf", "victim"] });
    expect(response.status).toBe(200);
  });
});

describe("a malformed session cookie", () => {
  it("is no session (401), never a 500", async () => {
    for (const value of ["%E0%A4%A", "%", "%zz", "%C0%80"]) {
      const response = await call(executionsRoute.GET, new Request(`${APP}/api/executions`, { headers: { cookie: `${SESSION_COOKIE}=${value}` } }), none);
      expect(response.status, value).toBe(401);
    }
  });
});
