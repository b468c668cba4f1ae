import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as cronRoute from "@/app/api/cron/reconcile/route";
import * as retentionRoute from "@/app/api/settings/retention/route";
import * as statsRoute from "@/app/api/workflows/[id]/stats/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, recordRealtime } from "./helpers";
import { makeWebhook, postJson } from "./webhook-fixtures";

const DAY = 24 * 60 * 60 * 1000;
const none = {} as Record<string, never>;

type User = Awaited<ReturnType<typeof makeUser>>;

// n real runs (execution + webhook/echo node rows), the i-th started `ages[i]` days ago.
async function runsAged(path: string, ages: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, age] of ages.entries()) {
    const response = await postJson(path, { n: i, secret: "payload" });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-hookflow-execution-id")!;
    await db().execution.update({ where: { id }, data: { startedAt: new Date(Date.now() - age * DAY - i * 1000) } });
    ids.push(id);
  }
  return ids;
}

async function putRetention(user: User, body: unknown) {
  return call(retentionRoute.PUT, authed(user.apiKey, "/api/settings/retention", { method: "PUT", body: JSON.stringify(body) }), none);
}

async function cron() {
  const response = await call(cronRoute.GET, new Request("http://localhost:3000/api/cron/reconcile", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } }), none);
  expect(response.status).toBe(200);
  return response.json();
}

async function stats(user: User, workflowId: string) {
  const response = await call(statsRoute.GET, authed(user.apiKey, `/api/workflows/${workflowId}/stats`), { id: workflowId });
  return { status: response.status, body: await response.json() };
}

const remaining = async (ids: string[]) => (await db().execution.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id).sort();

describe("retention", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("settings: defaults, partial update, validation, per user", async () => {
    const user = await makeUser();
    const get = () => call(retentionRoute.GET, authed(user.apiKey, "/api/settings/retention"), none).then((r) => r.json());
    expect(await get()).toEqual({ maxAgeDays: 14, maxExecutionsPerWorkflow: null, dropPayloadOnly: false });
    expect((await putRetention(user, { maxExecutionsPerWorkflow: 50 })).status).toBe(200);
    expect(await get()).toEqual({ maxAgeDays: 14, maxExecutionsPerWorkflow: 50, dropPayloadOnly: false });
    expect((await putRetention(user, { maxAgeDays: 0 })).status).toBe(400);
    expect((await putRetention(user, { keepForever: true })).status).toBe(400);
    const anonymous = await call(retentionRoute.GET, new Request("http://localhost:3000/api/settings/retention"), none);
    expect(anonymous.status).toBe(401);
  });

  it("deletes finished executions older than the user's age limit (default 14 days) with their node rows; keeps recent and RUNNING ones", async () => {
    const a = await makeUser("a");
    const b = await makeUser("b");
    await makeWebhook(a, { path: "ret/a" });
    await makeWebhook(b, { path: "ret/b" });
    const aRuns = await runsAged("ret/a", [20, 15, 5, 0]);
    const bRuns = await runsAged("ret/b", [20, 5, 2, 0]);
    expect((await putRetention(b, { maxAgeDays: 3 })).status).toBe(200);
    // An old run still in progress is the reconciler's business, never retention's.
    await db().execution.update({ where: { id: bRuns[1] }, data: { status: "RUNNING", leaseExpiresAt: new Date(Date.now() + 60_000) } });

    const report = await cron();
    expect(report.pruned.deletedByAge).toBe(3);
    expect(await remaining(aRuns)).toEqual([aRuns[2]!, aRuns[3]!].sort());
    expect(await remaining(bRuns)).toEqual([bRuns[1]!, bRuns[2]!, bRuns[3]!].sort());
    expect(await db().nodeExecution.count({ where: { executionId: { in: [aRuns[0]!, aRuns[1]!, bRuns[0]!] } } })).toBe(0);
    expect(await db().nodeExecution.count({ where: { executionId: aRuns[2] } })).toBe(2);
    expect((await cron()).pruned.deletedByAge).toBe(0);
  });

  it("drop-payload mode keeps the row and node statuses but nulls trigger body/headers, answer and node input/output", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "ret/drop" });
    const [old, recent] = await runsAged("ret/drop", [30, 1]);
    await putRetention(user, { maxAgeDays: 7, dropPayloadOnly: true });
    const before = await stats(user, workflowId);

    expect((await cron()).pruned.strippedByAge).toBe(1);
    const stripped = await db().execution.findUniqueOrThrow({ where: { id: old }, include: { nodes: true } });
    expect(stripped.status).toBe("SUCCEEDED");
    expect(stripped.payloadPrunedAt).not.toBeNull();
    expect(stripped.trigger).toEqual({ method: "POST", path: "ret/drop" });
    expect(stripped.nodes.map((n) => [n.nodeId, n.status, n.input, n.output]).sort()).toEqual([
      ["echo", "SUCCEEDED", null, null],
      ["webhook", "SUCCEEDED", null, null],
    ]);
    const kept = await db().execution.findUniqueOrThrow({ where: { id: recent }, include: { nodes: true } });
    expect(kept.payloadPrunedAt).toBeNull();
    expect((kept.trigger as { body: unknown }).body).toEqual({ n: 1, secret: "payload" });
    expect(kept.nodes.every((n) => n.output !== null)).toBe(true);
    expect((await cron()).pruned.strippedByAge).toBe(0);

    const after = await stats(user, workflowId);
    expect(after.body).toMatchObject({ executions: 2, payloadDropped: 1, nodeExecutions: 4, byStatus: { SUCCEEDED: 2 } });
    expect(after.body.storedBytes.total).toBeLessThan(before.body.storedBytes.total);
  });

  it("count limit keeps the newest N executions of each workflow", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "ret/count-1" });
    await makeWebhook(user, { path: "ret/count-2" });
    const one = await runsAged("ret/count-1", [0.5, 0.4, 0.3, 0.2, 0.1]);
    const two = await runsAged("ret/count-2", [0.5, 0.1]);
    await putRetention(user, { maxExecutionsPerWorkflow: 2 });

    expect((await cron()).pruned.deletedByCount).toBe(3);
    expect(await remaining(one)).toEqual([one[3]!, one[4]!].sort());
    expect(await remaining(two)).toEqual([...two].sort());
  });

  it("prunes in batches until done (1,200 old rows, 500 per statement)", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "ret/bulk" });
    const [template] = await runsAged("ret/bulk", [0]);
    await db().$executeRaw`
      INSERT INTO "Execution" ("id", "userId", "workflowId", "workflowVersionId", "status", "mode", "triggerNodeId", "trigger", "startedAt", "executionPath")
      SELECT gen_random_uuid(), e."userId", e."workflowId", e."workflowVersionId", 'SUCCEEDED', 'WEBHOOK', 'webhook', e."trigger", now() - interval '40 days', '{}'
      FROM "Execution" e CROSS JOIN generate_series(1, 1200) WHERE e."id" = ${template}::uuid`;
    expect((await cron()).pruned.deletedByAge).toBe(1200);
    expect(await db().execution.count({ where: { workflowId } })).toBe(1);
  });

  it("deletes idempotency keys older than 24 h and ended rate-limit windows", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "ret/keys" });
    await postJson("ret/keys", { n: 1 }, { "idempotency-key": "old" });
    await postJson("ret/keys", { n: 2 }, { "idempotency-key": "new" });
    await db().webhookDelivery.updateMany({ where: { workflowId, key: "key:old" }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });
    await db().rateLimitWindow.createMany({
      data: [
        { key: "path:x", windowStart: new Date(Date.now() - 120_000), count: 5, expiresAt: new Date(Date.now() - 60_000) },
        { key: "path:x", windowStart: new Date(), count: 1, expiresAt: new Date(Date.now() + 60_000) },
      ],
    });

    const report = await cron();
    expect(report).toMatchObject({ deliveries: 1, rateLimitWindows: 1 });
    expect((await db().webhookDelivery.findMany()).map((d) => d.key)).toEqual(["key:new"]);
    expect(await db().rateLimitWindow.count()).toBe(1);
    // The execution the old key pointed at is history, kept by its own retention.
    expect(await db().execution.count()).toBe(2);
  });

  it("stats: counts and stored size of a workflow's history; 404 for another user's workflow", async () => {
    const user = await makeUser();
    const other = await makeUser("other");
    const { workflowId } = await makeWebhook(user, { path: "ret/stats" });
    const empty = await stats(user, workflowId);
    expect(empty.body).toMatchObject({ executions: 0, nodeExecutions: 0, storedBytes: { total: 0 } });
    await runsAged("ret/stats", [0, 0, 0]);
    const full = await stats(user, workflowId);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ workflowId, executions: 3, nodeExecutions: 6, byStatus: { SUCCEEDED: 3 } });
    expect(full.body.storedBytes.executions).toBeGreaterThan(0);
    expect(full.body.storedBytes.nodeExecutions).toBeGreaterThan(0);
    expect((await stats(other, workflowId)).status).toBe(404);
  });
});
