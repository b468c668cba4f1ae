import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as statsRoute from "@/app/api/workflows/stats/route";
import * as testRoute from "@/app/api/workflows/[id]/test/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";

const none = {} as Record<string, never>;

function fire(path: string, body: unknown = { orderId: "A-1", amount: 10, customer: { name: "Bo" } }) {
  const request = new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return call(webhookRoute.POST, request, { path: path.split("/") });
}

const failing = (path: string) => ({
  name: "Fails",
  active: true,
  nodes: [
    { id: "webhook", type: "webhook", parameters: { path } },
    { id: "stop", type: "stopAndError", parameters: { message: "nope" } },
  ],
  connections: [{ from: "webhook", to: "stop" }],
});

describe("GET /api/workflows/stats", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("counts runs and failures of the last 24 h per workflow, with each one's latest status, for the caller only", async () => {
    const user = await makeUser();
    const other = await makeUser("other");
    const orders = await makeWorkflow(user.id, { ...orderReceivedWorkflow("stats/orders"), active: true });
    const fails = await makeWorkflow(user.id, failing("stats/fails"));
    const idle = await makeWorkflow(user.id, { ...orderReceivedWorkflow("stats/idle"), active: true });
    await makeWorkflow(other.id, failing("stats/other"));

    for (let i = 0; i < 3; i++) expect((await fire("stats/orders")).status).toBe(200);
    expect((await fire("stats/fails")).status).toBe(500);
    expect((await fire("stats/fails")).status).toBe(500);
    expect((await fire("stats/other")).status).toBe(500);
    // A failure two days ago is outside the window and older than the latest run.
    const old = await db().execution.findFirstOrThrow({ where: { workflowId: fails.id }, orderBy: { startedAt: "asc" } });
    await db().execution.update({ where: { id: old.id }, data: { startedAt: new Date(Date.now() - 2 * 86_400_000) } });

    const response = await call(statsRoute.GET, authed(user.apiKey, "/api/workflows/stats"), none);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { workflowId: string }[] };
    const byId = new Map(items.map((s) => [s.workflowId, s]));
    expect(items).toHaveLength(3);
    expect(byId.get(orders.id)).toEqual({ workflowId: orders.id, runs24h: 3, failed24h: 0, lastStatus: "SUCCEEDED", lastStartedAt: expect.any(String) });
    expect(byId.get(fails.id)).toMatchObject({ runs24h: 1, failed24h: 1, lastStatus: "FAILED" });
    expect(byId.get(idle.id)).toEqual({ workflowId: idle.id, runs24h: 0, failed24h: 0, lastStatus: null, lastStartedAt: null });
  });
});

describe("POST /api/workflows/:id/test", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  const testRun = (apiKey: string, id: string, body: unknown) =>
    call(testRoute.POST, authed(apiKey, `/api/workflows/${id}/test`, { method: "POST", body: JSON.stringify(body) }), { id });

  it("runs the saved version as a MANUAL execution with the given payload, past webhook auth and while inactive", async () => {
    const user = await makeUser();
    const definition = orderReceivedWorkflow("test-run/orders");
    const nodes = definition.nodes.map((n) => (n.id === "webhook" ? { ...n, parameters: { ...n.parameters, auth: { type: "hmac" } } } : n));
    const workflow = await makeWorkflow(user.id, { ...definition, nodes, active: false });
    expect((await fire("test-run/orders")).status).toBe(404);

    const response = await testRun(user.apiKey, workflow.id, { body: { orderId: "T-1", amount: 500, customer: { name: "Ada" } } });
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    const done = await waitFor(
      () => db().execution.findFirst({ where: { id: executionId, status: { not: "RUNNING" } }, include: { nodes: true } }),
      "the test run to finish",
    );
    expect(done).toMatchObject({ status: "SUCCEEDED", mode: "MANUAL", workflowId: workflow.id, triggerNodeId: "webhook" });
    expect(done.trigger).toMatchObject({ method: "POST", path: "test-run/orders", body: { orderId: "T-1", amount: 500, customer: { name: "Ada" } } });
    expect(done.executionPath).toEqual(["webhook", "enrich", "is-large", "priority"]);
  });

  it("refuses a method the webhook does not accept, and another user's workflow", async () => {
    const user = await makeUser();
    const stranger = await makeUser("stranger");
    const workflow = await makeWorkflow(user.id, { ...orderReceivedWorkflow("test-run/refused"), active: true });
    const wrongMethod = await testRun(user.apiKey, workflow.id, { method: "GET", body: {} });
    expect(wrongMethod.status).toBe(400);
    expect((await testRun(stranger.apiKey, workflow.id, { body: {} })).status).toBe(404);
    expect(await db().execution.count()).toBe(0);
  });
});
