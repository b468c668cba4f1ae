import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as workflowsRoute from "@/app/api/workflows/route";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import * as activateRoute from "@/app/api/workflows/[id]/activate/route";
import * as versionsRoute from "@/app/api/workflows/[id]/versions/route";
import * as versionRoute from "@/app/api/workflows/[id]/versions/[version]/route";
import * as restoreRoute from "@/app/api/workflows/[id]/versions/[version]/restore/route";
import * as duplicateRoute from "@/app/api/workflows/[id]/duplicate/route";
import * as runCodeRoute from "@/app/api/workflows/[id]/run-code/route";
import * as executionsRoute from "@/app/api/executions/route";
import * as executionRoute from "@/app/api/executions/[id]/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { authed, call, makeUser, recordRealtime } from "./helpers";

const none = {} as Record<string, never>;

function fire(path: string, amount = 250) {
  const request = new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId: "A-1", amount }) });
  return call(webhookRoute.POST, request, { path: path.split("/") });
}

async function create(apiKey: string, path: string) {
  const response = await call(workflowsRoute.POST, authed(apiKey, "/api/workflows", { method: "POST", body: JSON.stringify({ ...orderReceivedWorkflow(path), active: true }) }), none);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe("workflow versions, restore, duplicate and archive", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("lists versions, reads one, and restores it as a new version", async () => {
    const user = await makeUser();
    const { id } = await create(user.apiKey, "shop/orders");
    const changed = orderReceivedWorkflow("shop/orders");
    changed.nodes[2]!.parameters.condition = "{{ $json.amount >= 1000 }}";
    expect((await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${id}`, { method: "PUT", body: JSON.stringify(changed) }), { id })).status).toBe(200);
    expect(await (await fire("shop/orders")).json()).toEqual({ orderId: "A-1", tier: "standard" });

    const list = await (await call(versionsRoute.GET, authed(user.apiKey, `/api/workflows/${id}/versions`), { id })).json();
    expect(list.items.map((v: { version: number; executions: number }) => [v.version, v.executions])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    const one = await (await call(versionRoute.GET, authed(user.apiKey, `/api/workflows/${id}/versions/1`), { id, version: "1" })).json();
    expect(one.nodes[2].parameters.condition).toBe("{{ $json.amount >= 100 }}");
    expect((await call(versionRoute.GET, authed(user.apiKey, `/api/workflows/${id}/versions/9`), { id, version: "9" })).status).toBe(404);
    expect((await call(versionRoute.GET, authed(user.apiKey, `/api/workflows/${id}/versions/x`), { id, version: "x" })).status).toBe(404);

    const restored = await call(restoreRoute.POST, authed(user.apiKey, `/api/workflows/${id}/versions/1/restore`, { method: "POST" }), { id, version: "1" });
    expect(restored.status).toBe(200);
    const workflow = await restored.json();
    expect(workflow.version).toBe(3);
    expect(workflow.nodes[2].parameters.condition).toBe("{{ $json.amount >= 100 }}");
    expect(await (await fire("shop/orders")).json()).toEqual({ orderId: "A-1", tier: "priority" });

    // Another user sees none of it.
    const other = await makeUser("other");
    expect((await call(versionsRoute.GET, authed(other.apiKey, `/api/workflows/${id}/versions`), { id })).status).toBe(404);
    expect((await call(restoreRoute.POST, authed(other.apiKey, `/api/workflows/${id}/versions/1/restore`, { method: "POST" }), { id, version: "1" })).status).toBe(404);
  });

  it("duplicates into an inactive copy with its own webhook path", async () => {
    const user = await makeUser();
    const { id } = await create(user.apiKey, "shop/orders");
    const response = await call(duplicateRoute.POST, authed(user.apiKey, `/api/workflows/${id}/duplicate`, { method: "POST" }), { id });
    expect(response.status).toBe(201);
    const copy = await response.json();
    expect(copy.name).toBe("Order received (copy)");
    expect(copy.active).toBe(false);
    expect(copy.webhooks[0].path).toMatch(/^shop\/orders-[0-9a-f]{8}$/);
  });

  it("DELETE archives: hidden from the list, webhook path freed, executions and versions still readable", async () => {
    const user = await makeUser();
    const { id } = await create(user.apiKey, "shop/orders");
    expect((await fire("shop/orders")).status).toBe(200);

    expect((await call(workflowRoute.DELETE, authed(user.apiKey, `/api/workflows/${id}`, { method: "DELETE" }), { id })).status).toBe(204);
    // Twice is fine.
    expect((await call(workflowRoute.DELETE, authed(user.apiKey, `/api/workflows/${id}`, { method: "DELETE" }), { id })).status).toBe(204);
    expect((await fire("shop/orders")).status).toBe(404);

    const active = await (await call(workflowsRoute.GET, authed(user.apiKey, "/api/workflows"), none)).json();
    expect(active.items).toHaveLength(0);
    const archived = await (await call(workflowsRoute.GET, authed(user.apiKey, "/api/workflows?archived=true"), none)).json();
    expect(archived.items.map((w: { id: string; archivedAt: string | null }) => [w.id, typeof w.archivedAt])).toEqual([[id, "string"]]);
    expect((await call(workflowsRoute.GET, authed(user.apiKey, "/api/workflows?archived=maybe"), none)).status).toBe(400);

    const detail = await (await call(workflowRoute.GET, authed(user.apiKey, `/api/workflows/${id}`), { id })).json();
    expect(detail.archivedAt).toEqual(expect.any(String));
    expect(detail.active).toBe(false);
    expect(detail.webhooks).toEqual([]);

    const executions = await (await call(executionsRoute.GET, authed(user.apiKey, `/api/executions?workflowId=${id}`), none)).json();
    expect(executions.items).toHaveLength(1);
    const execution = await call(executionRoute.GET, authed(user.apiKey, `/api/executions/${executions.items[0].id}`), { id: executions.items[0].id });
    expect(execution.status).toBe(200);
    expect((await execution.json()).snapshot.version).toBe(1);
    expect((await call(versionsRoute.GET, authed(user.apiKey, `/api/workflows/${id}/versions`), { id })).status).toBe(200);

    // Its path can be taken by a new workflow at once; the archived one takes no saves or activation.
    await create(user.apiKey, "shop/orders");
    expect((await fire("shop/orders")).status).toBe(200);
    expect((await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${id}`, { method: "PUT", body: JSON.stringify(orderReceivedWorkflow("x/y")) }), { id })).status).toBe(409);
    expect((await call(activateRoute.POST, authed(user.apiKey, `/api/workflows/${id}/activate`, { method: "POST" }), { id })).status).toBe(409);

    // The history filters by it: the archived workflow's run, or the other one's, or both.
    const list = async (query: string) =>
      ((await (await call(executionsRoute.GET, authed(user.apiKey, `/api/executions${query}`), none)).json()) as { items: { workflowId: string; workflowArchived: boolean }[] }).items;
    expect((await list("")).map((e) => e.workflowArchived).sort()).toEqual([false, true]);
    expect((await list("?archived=only")).map((e) => [e.workflowId, e.workflowArchived])).toEqual([[id, true]]);
    expect((await list("?archived=exclude")).map((e) => e.workflowArchived)).toEqual([false]);
    expect((await call(executionsRoute.GET, authed(user.apiKey, "/api/executions?archived=yes"), none)).status).toBe(400);
  });

  it("runs a code node's unsaved parameters on a sample input in the sandbox, saving nothing", async () => {
    const user = await makeUser();
    const { id } = await create(user.apiKey, "shop/orders");
    const run = (apiKey: string, body: unknown) => call(runCodeRoute.POST, authed(apiKey, `/api/workflows/${id}/run-code`, { method: "POST", body: JSON.stringify(body) }), { id });

    const ok = await run(user.apiKey, { parameters: { source: 'console.log("seen", $json.amount); return { doubled: $json.amount * 2, tier: $trigger.body.tier };' }, input: { amount: 21, note: "{{ not an expression }}" }, trigger: { body: { tier: "gold" } } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(expect.objectContaining({ status: "succeeded", output: { doubled: 42, tier: "gold" }, error: null, logs: [expect.stringContaining("seen 21")] }));

    const failed = await (await run(user.apiKey, { parameters: { source: "throw new Error('nope')" }, input: {} })).json();
    expect(failed.status).toBe("failed");
    expect(failed.error.message).toContain("nope");
    expect((await run(user.apiKey, { parameters: { source: "" } })).status).toBe(400);
    expect((await run((await makeUser("other")).apiKey, { parameters: { source: "return 1" } })).status).toBe(404);
    const { db } = await import("@/lib/db");
    expect(await db().execution.count()).toBe(0);
  });
});
