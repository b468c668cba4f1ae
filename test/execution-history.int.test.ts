import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as executionsRoute from "@/app/api/executions/route";
import * as statsRoute from "@/app/api/executions/stats/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime } from "./helpers";

const none = {} as Record<string, never>;
type Item = { id: string; status: string; startedAt: string };

function fire(path: string) {
  const request = new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"orderId":"H-1","amount":5}' });
  return call(webhookRoute.POST, request, { path: path.split("/") });
}

async function list(apiKey: string, query: string): Promise<{ items: Item[]; nextCursor: string | null }> {
  const response = await call(executionsRoute.GET, authed(apiKey, `/api/executions?${query}`), none);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

describe("execution history filters and stats", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("merges several statuses newest first across pages, and filters by time range and id prefix", async () => {
    const user = await makeUser();
    const workflow = await makeWorkflow(user.id, { ...orderReceivedWorkflow("history/orders"), active: true });
    for (let i = 0; i < 6; i++) expect((await fire("history/orders")).status).toBe(200);
    const all = (await list(user.apiKey, "")).items;
    // Give the runs distinct statuses and start times an hour apart (newest first).
    const statuses = ["FAILED", "SUCCEEDED", "CRASHED", "FAILED", "SUCCEEDED", "CRASHED"] as const;
    for (const [i, item] of all.entries()) {
      await db().execution.update({ where: { id: item.id }, data: { status: statuses[i], startedAt: new Date(Date.now() - i * 3_600_000) } });
    }

    const page1 = await list(user.apiKey, `workflowId=${workflow.id}&status=crashed,FAILED&limit=3`);
    const page2 = await list(user.apiKey, `workflowId=${workflow.id}&status=crashed,FAILED&limit=3&cursor=${page1.nextCursor}`);
    expect([...page1.items, ...page2.items].map((e) => e.status)).toEqual(["FAILED", "CRASHED", "FAILED", "CRASHED"]);
    expect(page2.nextCursor).toBeNull();
    const times = [...page1.items, ...page2.items].map((e) => Date.parse(e.startedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const from = new Date(Date.now() - 2.5 * 3_600_000).toISOString();
    const to = new Date(Date.now() - 0.5 * 3_600_000).toISOString();
    expect((await list(user.apiKey, `from=${from}&to=${to}`)).items.map((e) => e.id)).toEqual([all[1]!.id, all[2]!.id]);

    const target = all[4]!.id;
    expect((await list(user.apiKey, `id=${target.slice(0, 13).toUpperCase()}`)).items.map((e) => e.id)).toEqual([target]);
    expect((await list(user.apiKey, `id=${target.replaceAll("-", "")}`)).items.map((e) => e.id)).toEqual([target]);
    const bad = await call(executionsRoute.GET, authed(user.apiKey, "/api/executions?id=xyz"), none);
    expect(bad.status).toBe(400);
    const badTime = await call(executionsRoute.GET, authed(user.apiKey, "/api/executions?from=yesterday"), none);
    expect(badTime.status).toBe(400);

    // Another user's runs never show, whatever the filter.
    const other = await makeUser("other");
    expect((await list(other.apiKey, `id=${target}`)).items).toEqual([]);
  });

  it("counts executions per minute and status over the last hours", async () => {
    const user = await makeUser();
    const workflow = await makeWorkflow(user.id, { ...orderReceivedWorkflow("history/stats"), active: true });
    for (let i = 0; i < 3; i++) await fire("history/stats");
    const [old] = (await list(user.apiKey, "limit=1")).items;
    await db().execution.update({ where: { id: old!.id }, data: { status: "FAILED", startedAt: new Date(Date.now() - 2 * 3_600_000) } });

    const response = await call(statsRoute.GET, authed(user.apiKey, `/api/executions/stats?hours=3&workflowId=${workflow.id}`), none);
    expect(response.status).toBe(200);
    const stats = await response.json();
    expect(stats.totals).toMatchObject({ SUCCEEDED: 2, FAILED: 1, RUNNING: 0 });
    expect(stats.bucketMs).toBe(60_000);
    expect(Date.parse(stats.to) - Date.parse(stats.from)).toBe(3 * 3_600_000);
    const counted = stats.buckets.flatMap((b: { counts: Record<string, number> }) => Object.values(b.counts)).reduce((a: number, b: number) => a + b, 0);
    expect(counted).toBe(3);

    const narrow = await (await call(statsRoute.GET, authed(user.apiKey, "/api/executions/stats?hours=1"), none)).json();
    expect(narrow.totals).toMatchObject({ SUCCEEDED: 2, FAILED: 0 });
    expect((await call(statsRoute.GET, authed(user.apiKey, "/api/executions/stats?hours=99"), none)).status).toBe(400);
  });
});
