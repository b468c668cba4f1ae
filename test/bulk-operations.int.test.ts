import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import * as listRoute from "@/app/api/executions/route";
import * as countRoute from "@/app/api/executions/count/route";
import * as bulkRoute from "@/app/api/executions/bulk/route";
import * as bulkGetRoute from "@/app/api/executions/bulk/[id]/route";
import { workBulkOperation } from "@/lib/executions/bulk/work-bulk-operation";
import { bulkRerunId } from "@/lib/executions/rerun-execution";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor, type Published } from "./helpers";

// A small bound, so "too many" needs hundreds of rows, not ten thousand (read at first use).
const LIMIT = 600;
process.env.HOOKFLOW_BULK_MAX_TARGETS = String(LIMIT);

const refunds = (path: string, fixed: boolean) => ({
  name: "Refunds",
  active: true,
  settings: {},
  nodes: [
    { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] } },
    fixed
      ? { id: "refund", type: "set", parameters: { keepInput: false, fields: { refunded: "{{ $json.body.n }}" } } }
      : { id: "refund", type: "stopAndError", parameters: { message: "refund {{ $json.body.n }} refused\nsecond line of the message" } },
  ],
  connections: [{ from: "webhook", to: "refund" }],
});

async function postMany(path: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 20) {
    const batch = Array.from({ length: Math.min(20, count - start) }, (_, i) =>
      call(
        webhookRoute.POST,
        new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n: start + i }) }),
        { path: path.split("/") },
      ),
    );
    for (const response of await Promise.all(batch)) ids.push(response.headers.get("x-hookflow-execution-id")!);
  }
  return ids;
}

type User = Awaited<ReturnType<typeof makeUser>>;

function bulk(user: User, body: unknown, key?: string) {
  return call(
    bulkRoute.POST,
    authed(user.apiKey, "/api/executions/bulk", { method: "POST", body: JSON.stringify(body), headers: key ? { "idempotency-key": key } : {} }),
    {},
  );
}

async function progress(user: User, operationId: string) {
  const response = await call(bulkGetRoute.GET, authed(user.apiKey, `/api/executions/bulk/${operationId}`), { id: operationId });
  expect(response.status).toBe(200);
  return response.json();
}

const rerunsOf = (ids: string[]) => db().execution.findMany({ where: { retryOfId: { in: ids } }, select: { id: true, retryOfId: true, status: true, mode: true } });

describe("bulk actions on executions", () => {
  let events: Published[];
  beforeAll(async () => {
    await resetDatabase();
  });
  beforeEach(() => {
    events = recordRealtime();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("re-runs 500 filtered failures exactly once, however often it is asked or worked", async () => {
    const user = await makeUser();
    const path = "bulk/refunds";
    const { id: workflowId } = await makeWorkflow(user.id, refunds(path, false));
    const originals = await postMany(path, 500);
    expect(await db().execution.count({ where: { workflowId, status: "FAILED" } })).toBe(500);
    // The fix is saved; the failures are re-run against it.
    const put = await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflowId}`, { method: "PUT", body: JSON.stringify(refunds(path, true)) }), { id: workflowId });
    expect(put.status).toBe(200);

    const filter = { workflowId, status: "FAILED" };
    const count = await call(countRoute.GET, authed(user.apiKey, `/api/executions/count?workflowId=${workflowId}&status=FAILED`), {});
    expect(await count.json()).toEqual({ count: 500, capped: false, limit: LIMIT });

    // The same request twice at once with one key, then without a key, then as a list of the same ids.
    const request = { action: "rerun", filter, version: "current" };
    const [a, b] = await Promise.all([bulk(user, request, "key-1"), bulk(user, request, "key-1")]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const [first, second] = [await a.json(), await b.json()];
    expect(first.operationId).toBe(second.operationId);
    expect(first.total).toBe(500);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    const operationId: string = first.operationId;
    const withoutKey = await (await bulk(user, request)).json();
    expect(withoutKey).toMatchObject({ operationId, replayed: true });
    const sameIds = await (await bulk(user, { action: "rerun", ids: [...originals].reverse(), version: "current" })).json();
    expect(sameIds).toMatchObject({ operationId, replayed: true });
    // A key used for another request is refused.
    expect((await bulk(user, { ...request, version: "snapshot" }, "key-1")).status).toBe(409);
    expect(await db().bulkOperation.count()).toBe(1);

    // One chunk, then the progress is visible half-way.
    expect(await workBulkOperation(operationId, 0)).toBe("more");
    const partway = await progress(user, operationId);
    expect(partway.status).toBe("RUNNING");
    expect(partway.total).toBe(500);
    expect(partway.done).toBeGreaterThan(0);
    expect(partway.done).toBeLessThan(500);

    // Two workers at once.
    await Promise.all([workBulkOperation(operationId), workBulkOperation(operationId)]);
    const done = await progress(user, operationId);
    expect(done).toMatchObject({ status: "DONE", total: 500, done: 500, failed: 0, skipped: 0, action: "rerun", version: "current" });
    let reruns = await rerunsOf(originals);
    expect(reruns).toHaveLength(500);
    expect(new Set(reruns.map((r) => r.retryOfId)).size).toBe(500);
    expect(reruns.every((r) => r.status === "SUCCEEDED" && r.mode === "RETRY")).toBe(true);
    expect(reruns.map((r) => r.id).sort()).toEqual(originals.map((o) => bulkRerunId(operationId, o)).sort());

    // A job retried after a crash that lost every item's outcome: the work is done again, nothing twice.
    await pool().query(`UPDATE "BulkOperationItem" SET "status" = 'PENDING', "claimedUntil" = NULL, "resultExecutionId" = NULL WHERE "operationId" = $1`, [operationId]);
    await pool().query(`UPDATE "BulkOperation" SET "status" = 'RUNNING', "done" = 0, "finishedAt" = NULL WHERE "id" = $1`, [operationId]);
    await Promise.all([workBulkOperation(operationId), workBulkOperation(operationId), workBulkOperation(operationId)]);
    reruns = await rerunsOf(originals);
    expect(reruns).toHaveLength(500);
    expect(await progress(user, operationId)).toMatchObject({ status: "DONE", done: 500 });

    // The end was announced on the user's channel.
    await waitFor(async () => events.find((e) => e.name === "bulkOperationUpdated" && e.data.status === "DONE"), "the DONE event");
    const announced = events.find((e) => e.name === "bulkOperationUpdated" && e.data.status === "DONE")!;
    expect(announced.channel).toBe(`private-user-${user.id}`);
    expect(announced.data).toMatchObject({ operationId, total: 500, processed: 500 });

    // The list: every original is fixed by its re-run, shows its mode and the first line of its error.
    const list = await call(listRoute.GET, authed(user.apiKey, `/api/executions?workflowId=${workflowId}&status=FAILED&limit=200`), {});
    const page = await list.json();
    expect(page.items).toHaveLength(200);
    for (const item of page.items) {
      expect(item).toMatchObject({ mode: "WEBHOOK", fixedByRerun: true });
      expect(item.errorMessage).toMatch(/^node "refund" \(stopAndError\) failed: refund \d+ refused$/);
    }
    const succeeded = await (await call(listRoute.GET, authed(user.apiKey, `/api/executions?workflowId=${workflowId}&status=SUCCEEDED&limit=5`), {})).json();
    expect(succeeded.items.map((i: { mode: string; fixedByRerun: boolean; errorMessage: null }) => [i.mode, i.fixedByRerun, i.errorMessage])).toEqual(Array(5).fill(["RETRY", false, null]));

    // 1,000 executions now: more than the bound, refused before anything is created.
    const tooMany = await bulk(user, { action: "delete", filter: { workflowId } });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error.message).toMatch(/more than 600 executions/);
    const tooManyIds = await bulk(user, { action: "delete", ids: Array.from({ length: LIMIT + 1 }, () => crypto.randomUUID()) });
    expect(tooManyIds.status).toBe(422);
    const capped = await call(countRoute.GET, authed(user.apiKey, `/api/executions/count?workflowId=${workflowId}`), {});
    expect(await capped.json()).toEqual({ count: LIMIT, capped: true, limit: LIMIT });
    expect(await db().bulkOperation.count()).toBe(1);
    expect(await db().bulkOperationItem.count()).toBe(500);
  }, 120_000);

  it("refuses malformed requests with a 400 that names the problem", async () => {
    const user = await makeUser();
    const cases: [unknown, RegExp][] = [
      [{ action: "explode", ids: [crypto.randomUUID()] }, /action/],
      [{ action: "rerun" }, /ids or filter/],
      [{ action: "rerun", ids: [crypto.randomUUID()], filter: {} }, /ids or filter/],
      [{ action: "cancel", ids: [crypto.randomUUID()], version: "current" }, /version/],
      [{ action: "delete", ids: ["nope"] }, /execution ids/],
      [{ action: "delete", filter: { status: "BOGUS" } }, /status|Invalid/i],
    ];
    for (const [body, message] of cases) {
      const response = await bulk(user, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
    expect((await bulk(user, { action: "delete", ids: [crypto.randomUUID()] }, "bad key with spaces")).status).toBe(400);
    // Ids that are not this user's match nothing.
    expect((await bulk(user, { action: "delete", ids: [crypto.randomUUID()] })).status).toBe(422);
  });

  it("cancels running executions and deletes finished ones; running ones are not deleted", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, refunds("bulk/fails", false));
    const { id: slowId } = await makeWorkflow(user.id, {
      name: "Slow",
      active: true,
      settings: {},
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: "bulk/slow", responseMode: "immediately" } },
        { id: "pause", type: "wait", parameters: { ms: 4_000 } },
      ],
      connections: [{ from: "webhook", to: "pause" }],
    });
    const failed = await postMany("bulk/fails", 3);
    const slow = await postMany("bulk/slow", 3);
    expect(await db().execution.count({ where: { id: { in: slow }, status: "RUNNING" } })).toBe(3);

    // Cancel everything of the slow workflow, and two finished runs (nothing to cancel there).
    const cancel = await (await bulk(user, { action: "cancel", filter: { workflowId: slowId } })).json();
    expect(cancel.total).toBe(3);
    await workBulkOperation(cancel.operationId);
    expect(await progress(user, cancel.operationId)).toMatchObject({ status: "DONE", done: 3, skipped: 0 });
    expect(await db().execution.count({ where: { id: { in: slow }, status: "CANCELLED" } })).toBe(3);
    const noop = await (await bulk(user, { action: "cancel", ids: failed.slice(0, 2) })).json();
    await workBulkOperation(noop.operationId);
    const noopProgress = await progress(user, noop.operationId);
    expect(noopProgress).toMatchObject({ status: "DONE", done: 0, skipped: 2 });
    expect(noopProgress.problems[0].message).toMatch(/already finished/i);

    // Delete two failed runs and one that is still running.
    const [running] = await postMany("bulk/slow", 1);
    const del = await (await bulk(user, { action: "delete", ids: [...failed.slice(0, 2), running] })).json();
    expect(del.total).toBe(3);
    await workBulkOperation(del.operationId);
    const deleted = await progress(user, del.operationId);
    expect(deleted).toMatchObject({ status: "DONE", total: 3, done: 2, skipped: 1 });
    expect(deleted.problems).toEqual([{ executionId: running, status: "SKIPPED", message: "Still running or waiting: cancel it first" }]);
    expect(await db().execution.count({ where: { id: { in: failed.slice(0, 2) } } })).toBe(0);
    expect(await db().nodeExecution.count({ where: { executionId: { in: failed.slice(0, 2) } } })).toBe(0);
    expect(await db().execution.count({ where: { id: { in: [failed[2]!, running!] } } })).toBe(2);
    // Repeating the delete's work (a retried job) changes nothing and counts nothing twice.
    await pool().query(`UPDATE "BulkOperationItem" SET "status" = 'PENDING' WHERE "operationId" = $1 AND "status" = 'DONE'`, [del.operationId]);
    await pool().query(`UPDATE "BulkOperation" SET "status" = 'RUNNING', "done" = 0 WHERE "id" = $1`, [del.operationId]);
    await workBulkOperation(del.operationId);
    expect(await progress(user, del.operationId)).toMatchObject({ status: "DONE", done: 2, skipped: 1 });
    // Another user cannot see the operation.
    const other = await makeUser("other");
    const hidden = await call(bulkGetRoute.GET, authed(other.apiKey, `/api/executions/bulk/${del.operationId}`), { id: del.operationId });
    expect(hidden.status).toBe(404);
    await waitFor(() => db().execution.findFirst({ where: { id: running, status: { not: "RUNNING" } } }), "the last slow run to end", 15_000);
  }, 60_000);
  it("acts on exactly what a search matches: the count and the targets follow q", async () => {
    const user = await makeUser("searcher");
    const { id: workflowId } = await makeWorkflow(user.id, refunds("bulk/search", false));
    const ids = await postMany("bulk/search", 12);
    // Bodies are {n: 0..11}: n = 3 and n = 7, and the failures whose message names refund 1x.
    const q = encodeURIComponent('body.n = 3');
    const count = await call(countRoute.GET, authed(user.apiKey, `/api/executions/count?workflowId=${workflowId}&q=${q}`), {});
    expect(await count.json()).toEqual({ count: 1, capped: false, limit: LIMIT });
    const byError = await call(countRoute.GET, authed(user.apiKey, `/api/executions/count?q=${encodeURIComponent('error ~ "refund 1"')}`), {});
    expect((await byError.json()).count).toBe(3); // 1, 10, 11

    const created = await bulk(user, { action: "delete", filter: { workflowId, q: 'body.n = 7 error ~ "refused"' } });
    expect(created.status).toBe(202);
    const { operationId, total } = await created.json();
    expect(total).toBe(1);
    await workBulkOperation(operationId);
    expect(await progress(user, operationId)).toMatchObject({ status: "DONE", done: 1 });
    const left = await db().execution.findMany({ where: { workflowId }, select: { id: true } });
    expect(left.map((e) => e.id).sort()).toEqual(ids.filter((_, n) => n !== 7).sort());

    const malformed = await bulk(user, { action: "delete", filter: { q: "body.n =" } });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toMatch(/expected a value/);
  }, 30_000);
});
