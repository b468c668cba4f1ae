import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as workflowsRoute from "@/app/api/workflows/route";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import * as activateRoute from "@/app/api/workflows/[id]/activate/route";
import * as deactivateRoute from "@/app/api/workflows/[id]/deactivate/route";
import * as executionsRoute from "@/app/api/executions/route";
import * as executionRoute from "@/app/api/executions/[id]/route";
import * as realtimeAuthRoute from "@/app/api/realtime/auth/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { authed, call, makeUser, recordRealtime } from "./helpers";

const none = {} as Record<string, never>;

async function createViaApi(apiKey: string, definition: unknown) {
  return call(workflowsRoute.POST, authed(apiKey, "/api/workflows", { method: "POST", body: JSON.stringify(definition) }), none);
}

function fire(path: string, body: unknown = { orderId: "A-1", amount: 10, customer: { name: "Bo" } }) {
  const request = new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return call(webhookRoute.POST, request, { path: path.split("/") });
}

describe("REST API", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("creates a workflow, lists its webhook URL and keeps webhooks in sync with saves and activation", async () => {
    const user = await makeUser();
    const created = await createViaApi(user.apiKey, { ...orderReceivedWorkflow("shop/orders"), active: true });
    expect(created.status).toBe(201);
    const workflow = await created.json();
    expect(workflow.webhooks).toEqual([
      expect.objectContaining({ nodeId: "webhook", path: "shop/orders", methods: ["POST"], url: "http://localhost:3000/api/webhooks/shop/orders", active: true }),
    ]);
    expect((await fire("shop/orders")).status).toBe(200);

    // Saving a new path moves the webhook at once: the old path is gone, the new one answers.
    const moved = orderReceivedWorkflow("shop/v2/orders");
    const put = await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflow.id}`, { method: "PUT", body: JSON.stringify(moved) }), { id: workflow.id });
    expect(put.status).toBe(200);
    expect((await put.json()).version).toBe(2);
    expect((await fire("shop/orders")).status).toBe(404);
    expect((await fire("shop/v2/orders")).status).toBe(200);

    await call(deactivateRoute.POST, authed(user.apiKey, `/api/workflows/${workflow.id}/deactivate`, { method: "POST" }), { id: workflow.id });
    expect((await fire("shop/v2/orders")).status).toBe(404);
    await call(activateRoute.POST, authed(user.apiKey, `/api/workflows/${workflow.id}/activate`, { method: "POST" }), { id: workflow.id });
    expect((await fire("shop/v2/orders")).status).toBe(200);

    // Each run references the version it ran.
    const versions = await db().execution.findMany({ select: { workflowVersion: { select: { version: true } } }, orderBy: { startedAt: "asc" } });
    expect(versions.map((v) => v.workflowVersion.version)).toEqual([1, 2, 2]);

    const list = await call(workflowsRoute.GET, authed(user.apiKey, "/api/workflows"), none);
    expect((await list.json()).items).toHaveLength(1);
    const del = await call(workflowRoute.DELETE, authed(user.apiKey, `/api/workflows/${workflow.id}`, { method: "DELETE" }), { id: workflow.id });
    expect(del.status).toBe(204);
    expect((await fire("shop/v2/orders")).status).toBe(404);
  });

  it("rejects invalid definitions with a 400 naming the problem, and saves nothing", async () => {
    const user = await makeUser();
    const cases: [unknown, RegExp][] = [
      [{ name: "x", nodes: [{ id: "a", type: "teleport", parameters: {} }], connections: [] }, /teleport/],
      [{ name: "x", nodes: [{ id: "w", type: "webhook", parameters: {} }], connections: [{ from: "w", to: "ghost" }] }, /ghost/],
      [{ name: "x", nodes: [{ id: "s", type: "set", parameters: { fields: {} } }], connections: [] }, /trigger/i],
      [{ name: "x", nodes: [{ id: "w", type: "webhook", parameters: {} }, { id: "w", type: "set", parameters: { fields: {} } }], connections: [] }, /duplicate/i],
      [
        {
          name: "x",
          nodes: [
            { id: "w", type: "webhook", parameters: {} },
            { id: "a", type: "set", parameters: { fields: {} } },
            { id: "b", type: "set", parameters: { fields: {} } },
          ],
          connections: [{ from: "w", to: "a" }, { from: "a", to: "b" }, { from: "b", to: "a" }],
        },
        /cycle/i,
      ],
    ];
    for (const [definition, message] of cases) {
      const response = await createViaApi(user.apiKey, definition);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toMatch(message);
    }
    const malformed = await call(workflowsRoute.POST, authed(user.apiKey, "/api/workflows", { method: "POST", body: "{" }), none);
    expect(malformed.status).toBe(400);
    expect(await db().workflow.count()).toBe(0);
  });

  it("refuses a webhook path another workflow already uses", async () => {
    const a = await makeUser("a");
    const b = await makeUser("b");
    expect((await createViaApi(a.apiKey, orderReceivedWorkflow("taken"))).status).toBe(201);
    const clash = await createViaApi(b.apiKey, orderReceivedWorkflow("taken"));
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.message).toContain("taken");
  });

  it("lists executions newest first with cursor pagination, filters, and no payload columns", async () => {
    const user = await makeUser();
    const workflow = await (await createViaApi(user.apiKey, { ...orderReceivedWorkflow("orders"), active: true })).json();
    for (let i = 0; i < 5; i++) await fire("orders", { orderId: `A-${i}`, amount: 1, customer: { name: "x" } });

    const first = await (await call(executionsRoute.GET, authed(user.apiKey, "/api/executions?limit=2"), none)).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).not.toHaveProperty("trigger");
    expect(first.items[0]).toMatchObject({ workflowName: "Order received", method: "POST", path: "orders", status: "SUCCEEDED", nodesSucceeded: 4, nodesFailed: 0 });
    const second = await (await call(executionsRoute.GET, authed(user.apiKey, `/api/executions?limit=2&cursor=${first.nextCursor}`), none)).json();
    const third = await (await call(executionsRoute.GET, authed(user.apiKey, `/api/executions?limit=2&cursor=${second.nextCursor}`), none)).json();
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(new Set(all.map((e: { id: string }) => e.id)).size).toBe(5);
    const times = all.map((e: { startedAt: string }) => Date.parse(e.startedAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const filtered = await (await call(executionsRoute.GET, authed(user.apiKey, `/api/executions?workflowId=${workflow.id}&status=FAILED`), none)).json();
    expect(filtered.items).toHaveLength(0);
    const bad = await call(executionsRoute.GET, authed(user.apiKey, "/api/executions?status=EXPLODED"), none);
    expect(bad.status).toBe(400);
  });

  it("keeps users apart: 404 for another user's execution, 403 for another user's channel, 401 without credentials", async () => {
    const a = await makeUser("a");
    const b = await makeUser("b");
    await createViaApi(a.apiKey, { ...orderReceivedWorkflow("a-orders"), active: true });
    const run = await fire("a-orders");
    const executionId = run.headers.get("x-hookflow-execution-id")!;

    const mine = await call(executionRoute.GET, authed(a.apiKey, `/api/executions/${executionId}`), { id: executionId });
    expect(mine.status).toBe(200);
    const detail = await mine.json();
    expect(detail.nodes).toHaveLength(4);
    expect(detail.snapshot.nodes).toHaveLength(5);
    const theirs = await call(executionRoute.GET, authed(b.apiKey, `/api/executions/${executionId}`), { id: executionId });
    expect(theirs.status).toBe(404);
    const theirList = await (await call(executionsRoute.GET, authed(b.apiKey, "/api/executions"), none)).json();
    expect(theirList.items).toHaveLength(0);

    const authorize = (apiKey: string, channel: string) =>
      call(
        realtimeAuthRoute.POST,
        authed(apiKey, "/api/realtime/auth", { method: "POST", body: new URLSearchParams({ socket_id: "123.456", channel_name: channel }).toString() }),
        none,
      );
    const own = await authorize(a.apiKey, `private-user-${a.id}`);
    expect(own.status).toBe(200);
    expect((await own.json()).auth).toMatch(/^test-key:[0-9a-f]{64}$/);
    expect((await authorize(b.apiKey, `private-user-${a.id}`)).status).toBe(403);

    const anonymous = await call(executionsRoute.GET, new Request("http://localhost:3000/api/executions"), none);
    expect(anonymous.status).toBe(401);
    const forged = await call(executionsRoute.GET, authed("hfk_not-a-real-key", "/api/executions"), none);
    expect(forged.status).toBe(401);
  });
});
