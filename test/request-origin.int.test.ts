import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as workflowsRoute from "@/app/api/workflows/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime } from "./helpers";

// URLs shown to users and senders follow the request's origin (APP_URL unset, no trusted proxy
// here): the Host header, never the hostname the server is bound to (which Next puts in
// request.url: http://localhost:3000 below, as `next start` would).

let user: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  await resetDatabase();
  recordRealtime();
  user = await makeUser("origin");
  await makeWorkflow(user.id, {
    name: "Slow",
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path: "origin/slow", methods: ["POST"], responseMode: "lastNode", responseDeadlineMs: 50 } },
      { id: "pause", type: "wait", parameters: { ms: 600 } },
    ],
    connections: [{ from: "webhook", to: "pause" }],
  });
});
afterEach(() => setPublishTransport(async () => undefined));

describe("request origin", () => {
  it("webhook URLs use the Host header; forwarded headers from an untrusted client are ignored", async () => {
    const headers = { host: "hooks.example.com", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };
    const response = await call(workflowsRoute.GET, authed(user.apiKey, "/api/workflows", { headers }), {});
    const { items } = (await response.json()) as { items: { webhooks: { url: string }[] }[] };
    expect(items[0]!.webhooks[0]!.url).toBe("http://hooks.example.com/api/webhooks/origin/slow");
  });

  it("the deadline statusUrl and Location use the Host header", async () => {
    const request = new Request("http://localhost:3000/api/webhooks/origin/slow", { method: "POST", headers: { host: "hooks.example.com:8080", "content-type": "application/json" }, body: "{}" });
    const response = await call(webhookRoute.POST, request, { path: ["origin", "slow"] });
    expect(response.status).toBe(202);
    const { statusUrl } = (await response.json()) as { statusUrl: string };
    expect(statusUrl).toMatch(/^http:\/\/hooks\.example\.com:8080\/api\/executions\/[0-9a-f-]+\/status\?token=/);
    expect(response.headers.get("location")).toBe(statusUrl);
  });

  it("a Host header that is not a host is a 400, not echoed into URLs", async () => {
    const response = await call(workflowsRoute.GET, authed(user.apiKey, "/api/workflows", { headers: { host: "evil.example/path" } }), {});
    expect(response.status).toBe(400);
  });
});
