import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import * as executionRoute from "@/app/api/executions/[id]/route";
import * as executionsRoute from "@/app/api/executions/route";
import * as deactivateRoute from "@/app/api/workflows/[id]/deactivate/route";
import * as deliveriesRoute from "@/app/api/workflows/[id]/deliveries/route";
import { flushRefusals, pruneRefusals, REFUSALS_KEEP_DAYS } from "@/lib/deliveries/refusal-log";
import { setDraining } from "@/lib/executions/in-flight";
import { SAMPLES_PER_KEY } from "@/lib/deliveries/refusal-buffer";
import { RESPONSE_BODY_LIMIT } from "@/lib/executions/sent-response";
import type { Delivery, DeliveryPage } from "@/lib/deliveries/delivery-queries";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";
import { deliver, hookflowSignature, makeWebhook, postJson } from "./webhook-fixtures";
import { startGate } from "./gate";

// The gate (test/gate.ts) is on loopback. Hoisted: the engine settings are read as modules load.
vi.hoisted(() => {
  process.env.HOOKFLOW_ALLOW_PRIVATE_NETWORK = "true";
});

// webhook (respondNode) → respond 422 with a body and headers (one of them secret).
function rejectingWorkflow(path: string, body: unknown = { error: "amount must be positive", field: "amount" }) {
  return {
    name: `Rejecting ${path}`,
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "respondNode" } },
      {
        id: "reply",
        type: "respond",
        parameters: { status: 422, headers: { "x-reason": "validation", "x-session-token": "s3cr3t", "x-api-key": "k-abc" }, body },
      },
    ],
    connections: [{ from: "webhook", to: "reply" }],
  };
}

async function getExecution(apiKey: string, id: string) {
  const response = await call(executionRoute.GET, authed(apiKey, `/api/executions/${id}`), { id });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & { sentResponse: Record<string, unknown> | null; status: string };
}

async function deliveries(apiKey: string, workflowId: string, query = ""): Promise<DeliveryPage> {
  const response = await call(deliveriesRoute.GET, authed(apiKey, `/api/workflows/${workflowId}/deliveries${query}`), { id: workflowId });
  expect(response.status).toBe(200);
  return (await response.json()) as DeliveryPage;
}

const refused = (items: Delivery[]) => items.filter((d): d is Extract<Delivery, { kind: "refused" }> => d.kind === "refused");

describe("responses are part of the record", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("a 422 from a respond node is saved with the run: detail API, list and deliveries show it, secrets redacted", async () => {
    const user = await makeUser();
    const { id: workflowId } = await makeWorkflow(user.id, rejectingWorkflow("resp/reject"));
    const response = await postJson("resp/reject", { amount: -1 });
    expect(response.status).toBe(422);
    const executionId = response.headers.get("x-hookflow-execution-id")!;

    const detail = await getExecution(user.apiKey, executionId);
    expect(detail.status).toBe("SUCCEEDED");
    expect(detail.sentResponse).toMatchObject({ status: 422, bodyTruncated: false, headers: { "x-reason": "validation", "x-session-token": "[redacted]", "x-api-key": "[redacted]" } });
    expect(JSON.parse(String(detail.sentResponse!.body))).toEqual({ error: "amount must be positive", field: "amount" });
    expect(detail.sentResponse!.bodyBytes).toBe(Buffer.byteLength(String(detail.sentResponse!.body)));
    expect(detail.sentResponse!.ms).toEqual(expect.any(Number));
    expect(JSON.stringify(detail.sentResponse)).not.toContain("s3cr3t");

    const list = await call(executionsRoute.GET, authed(user.apiKey, `/api/executions?workflowId=${workflowId}`), {});
    const items = ((await list.json()) as { items: { id: string; responseStatus: number | null }[] }).items;
    expect(items).toEqual([expect.objectContaining({ id: executionId, responseStatus: 422 })]);

    const page = await deliveries(user.apiKey, workflowId, "?status=4xx");
    expect(page.items).toEqual([expect.objectContaining({ kind: "accepted", executionId, status: 422, method: "POST", path: "resp/reject" })]);
    expect((await deliveries(user.apiKey, workflowId, "?status=2xx")).items).toEqual([]);
  });

  it("a body over 16 KB is stored cut, with its real size", async () => {
    const user = await makeUser();
    const big = "x".repeat(RESPONSE_BODY_LIMIT * 2);
    await makeWorkflow(user.id, rejectingWorkflow("resp/big", { big }));
    const response = await postJson("resp/big", {});
    const sent = (await getExecution(user.apiKey, response.headers.get("x-hookflow-execution-id")!)).sentResponse!;
    expect(sent).toMatchObject({ status: 422, bodyTruncated: true, bodyBytes: Buffer.byteLength(JSON.stringify({ big })) });
    expect(Buffer.byteLength(String(sent.body))).toBe(RESPONSE_BODY_LIMIT);
  });

  it("immediately: the 202 is recorded by the start statement, before the run finishes", async () => {
    const user = await makeUser();
    // Held at the gate: the run is still RUNNING when the test reads the row, however slow the machine.
    const gate = await startGate();
    await makeWorkflow(user.id, {
      name: "Later",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: "resp/later", methods: ["POST"], responseMode: "immediately" } },
        { id: "pause", type: "httpRequest", parameters: { method: "GET", url: gate.url } },
      ],
      connections: [{ from: "webhook", to: "pause" }],
    });
    const response = await postJson("resp/later", {});
    expect(response.status).toBe(202);
    const executionId = response.headers.get("x-hookflow-execution-id")!;
    const running = await db().execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(running.status).toBe("RUNNING");
    expect(running.responseStatus).toBe(202);
    gate.open();
    await waitFor(async () => (await db().execution.findUniqueOrThrow({ where: { id: executionId } })).status === "SUCCEEDED", "run to finish");
    const detail = await getExecution(user.apiKey, executionId);
    expect(detail.sentResponse).toMatchObject({ status: 202, headers: { "x-hookflow-execution-id": executionId } });
    expect(JSON.parse(String(detail.sentResponse!.body))).toEqual({ executionId });
    await gate.close();
  });

  it("a response deadline: the record keeps the 202 the sender got, not the run's later answer", async () => {
    const user = await makeUser();
    const gate = await startGate();
    await makeWorkflow(user.id, {
      name: "Slow",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: "resp/slow", methods: ["POST"], responseMode: "respondNode", responseDeadlineMs: 100 } },
        { id: "pause", type: "httpRequest", parameters: { method: "GET", url: gate.url } },
        { id: "reply", type: "respond", parameters: { status: 201, body: { done: true } } },
      ],
      connections: [
        { from: "webhook", to: "pause" },
        { from: "pause", to: "reply" },
      ],
    });
    const sentAt = performance.now();
    const response = await postJson("resp/slow", {});
    expect(response.status).toBe(202);
    const executionId = response.headers.get("x-hookflow-execution-id")!;
    // The run could not answer before the gate opened: the 202 was sent by then, and recorded as such.
    const heldFor = performance.now() - sentAt;
    gate.open();
    const done = await waitFor(async () => {
      const row = await db().execution.findUniqueOrThrow({ where: { id: executionId } });
      return row.status === "SUCCEEDED" && row;
    }, "run to finish");
    console.log(`[deliveries] deadline 202 recorded at ${done.responseMs} ms (deadline 100 ms; gate opened at ${Math.round(heldFor)} ms)`);
    expect(done.responseStatus).toBe(202);
    expect(done.responseMs).toBeGreaterThanOrEqual(100);
    expect(done.responseMs).toBeLessThanOrEqual(Math.ceil(heldFor));
    await gate.close();
    expect((done.response as { status: number }).status).toBe(201); // the status URL's answer is the run's
  });
});

describe("refused deliveries are visible", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
    await flushRefusals();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("each kind of refusal is logged with its reason, headers redacted, the body's first bytes; unknown paths are not stored", async () => {
    const user = await makeUser();
    const { workflowId, secret } = await makeWebhook(user, { path: "refuse/signed", auth: { type: "hmac" } });
    const { id: limitedId } = await makeWorkflow(user.id, {
      name: "Limited",
      active: true,
      nodes: [{ id: "webhook", type: "webhook", parameters: { path: "refuse/limited", methods: ["POST"] } }],
      connections: [],
      settings: { rateLimits: { webhook: { limit: 1, per: "minute" } } },
    });
    const { workflowId: plainId } = await makeWebhook(user, { path: "refuse/plain" });
    const { workflowId: inactiveId } = await makeWebhook(user, { path: "refuse/inactive" });
    await call(deactivateRoute.POST, authed(user.apiKey, `/api/workflows/${inactiveId}/deactivate`, { method: "POST" }), { id: inactiveId });

    const body = JSON.stringify({ orderId: "A-1" });
    const expectStatus = async (response: Promise<Response>, status: number) => expect((await response).status).toBe(status);
    await expectStatus(postJson("refuse/signed", body, { "x-hookflow-signature": "t=1,v1=" + "0".repeat(64), "x-api-key": "k-123" }), 401);
    const signature = hookflowSignature(secret, body);
    await expectStatus(postJson("refuse/signed", body, { "x-hookflow-signature": signature }), 200);
    await expectStatus(postJson("refuse/signed", body, { "x-hookflow-signature": signature }), 409);
    await expectStatus(deliver({ segments: ["refuse", "signed"], method: "GET" }), 404);
    await expectStatus(deliver({ segments: ["refuse", "signed"], headers: { "content-type": "application/json", "content-length": String(1024 * 1024 + 1) }, body: "x".repeat(1024 * 1024 + 1) }), 413);
    await expectStatus(deliver({ segments: ["refuse", "plain"], headers: { "content-type": ";;;" }, body: "{}" }), 415);
    await expectStatus(deliver({ segments: ["refuse", "plain"], headers: { "content-type": "application/json" }, body: '{"broken": ' }), 400);
    await expectStatus(postJson("refuse/limited", {}), 200);
    await expectStatus(postJson("refuse/limited", {}), 429);
    await expectStatus(postJson("refuse/inactive", { hello: "world" }), 404);
    await expectStatus(postJson("refuse/nobody-owns-this", {}), 404);

    // No wait for the periodic flush: the deliveries API writes this process's buffered refusals first.
    const signed = refused((await deliveries(user.apiKey, workflowId)).items);
    const reasons = (items: ReturnType<typeof refused>) => items.map((d) => `${d.status} ${d.reason}`).sort();
    expect(reasons(signed)).toEqual(["401 unauthorized", "404 method_not_allowed", "409 signature_replay", "413 too_large"]);
    const unauthorized = signed.find((d) => d.status === 401)!;
    expect(unauthorized).toMatchObject({ method: "POST", path: "refuse/signed", bodySample: body, bodyEncoding: "utf8", bodyBytes: body.length, similar: { count: 1, sampled: 1 } });
    expect(unauthorized.headers).toMatchObject({ "x-hookflow-signature": "[redacted]", "x-api-key": "[redacted]", "content-type": "application/json" });
    expect(unauthorized.message).toMatch(/signature/i);
    expect(signed.find((d) => d.status === 413)).toMatchObject({ bodyBytes: 1024 * 1024 + 1, bodySample: null });

    const limited = await deliveries(user.apiKey, limitedId);
    expect(reasons(refused(limited.items))).toEqual(["429 rate_limit"]);
    expect(reasons(refused((await deliveries(user.apiKey, plainId)).items))).toEqual(["400 bad_request", "415 unsupported_media_type"]);
    expect(limited.items.filter((d) => d.kind === "accepted")).toHaveLength(1);
    expect(refused((await deliveries(user.apiKey, limitedId, "?status=429")).items)).toHaveLength(1);
    expect((await deliveries(user.apiKey, limitedId, "?outcome=accepted")).items.every((d) => d.kind === "accepted")).toBe(true);

    expect(reasons(refused((await deliveries(user.apiKey, inactiveId)).items))).toEqual(["404 webhook_inactive"]);
    // Requests to a path nobody owns have nobody to be shown to: never a row.
    expect(await db().refusedDelivery.count({ where: { path: { contains: "nobody" } } })).toBe(0);
    expect(await db().refusalCount.count()).toBe(8);

    // Another user's workflow is not found.
    const other = await makeUser("other");
    const foreign = await call(deliveriesRoute.GET, authed(other.apiKey, `/api/workflows/${workflowId}/deliveries`), { id: workflowId });
    expect(foreign.status).toBe(404);
    const bad = await call(deliveriesRoute.GET, authed(user.apiKey, `/api/workflows/${workflowId}/deliveries?status=4x`), { id: workflowId });
    expect(bad.status).toBe(400);
  });

  it("a flood of 10,000 refused requests is counted exactly while the log stays bounded", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "flood/signed", auth: { type: "hmac" } });
    const FLOOD = 10_000;
    const body = JSON.stringify({ junk: true });
    for (let sent = 0; sent < FLOOD; sent += 250) {
      const statuses = await Promise.all(
        Array.from({ length: 250 }, (_, i) => postJson("flood/signed", body, { "x-hookflow-signature": `t=${i},v1=${"1".repeat(64)}` }).then((r) => r.status)),
      );
      expect(new Set(statuses)).toEqual(new Set([401]));
    }
    await flushRefusals();

    const counts = await db().refusalCount.findMany({ where: { workflowId } });
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(FLOOD);
    // One key (path, 401, unauthorized) per minute the flood spanned: rows are per key and
    // minute, never per request.
    const minutes = new Set(counts.map((c) => c.minute.toISOString())).size;
    expect(counts).toHaveLength(minutes);
    expect(minutes).toBeLessThanOrEqual(3);
    const samples = await db().refusedDelivery.count({ where: { workflowId } });
    expect(samples).toBeGreaterThan(0);
    expect(samples).toBeLessThanOrEqual(SAMPLES_PER_KEY * minutes);

    const page = await deliveries(user.apiKey, workflowId);
    const newest = refused(page.items)[0]!;
    expect(newest.similar.count).toBeGreaterThan(newest.similar.sampled);
  }, 120_000);

  it("pages through accepted and refused deliveries newest first without repeats", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "page/mixed" });
    for (let i = 0; i < 6; i++) {
      expect((await postJson("page/mixed", { n: i })).status).toBe(200);
      expect((await deliver({ segments: ["page", "mixed"], method: "PUT" })).status).toBe(404);
    }
    await flushRefusals();
    const seen: Delivery[] = [];
    let cursor: string | null = null;
    do {
      const page: DeliveryPage = await deliveries(user.apiKey, workflowId, `?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((d) => d.kind === "accepted")).toHaveLength(6);
    // 6 refusals in (at most two) minutes: at most 5 samples per minute are kept.
    expect(seen.filter((d) => d.kind === "refused").length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen.map((d) => d.id)).size).toBe(seen.length);
    const times = seen.map((d) => Date.parse(d.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("the maintenance pass deletes refusal rows older than the keep period and keeps newer ones", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "prune/old" });
    const old = new Date(Date.now() - (REFUSALS_KEEP_DAYS + 1) * 86_400_000);
    const fresh = new Date();
    for (const at of [old, fresh]) {
      const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
      await db().refusalCount.create({ data: { workflowId, path: "prune/old", minute, status: 405, reason: "method_not_allowed", count: 3 } });
      await db().refusedDelivery.create({
        data: { id: crypto.randomUUID(), workflowId, path: "prune/old", minute, status: 405, reason: "method_not_allowed", slot: 0, method: "GET", message: "no", receivedAt: at, headers: {} },
      });
    }
    expect(await pruneRefusals()).toBe(2);
    expect((await db().refusalCount.findMany()).map((r) => r.minute.getTime() > old.getTime())).toEqual([true]);
    expect((await db().refusedDelivery.findMany()).map((r) => r.receivedAt.getTime())).toEqual([fresh.getTime()]);
  });

  it("a draining server's 503s are attributed to the path's workflow when they are written", async () => {
    const user = await makeUser();
    const { workflowId } = await makeWebhook(user, { path: "drain/me" });
    // The draining flag lives on globalThis (lib/executions/in-flight.ts); set back afterwards.
    const inFlight = (globalThis as unknown as Record<symbol, { draining: boolean }>)[Symbol.for("hookflow.in-flight")]!;
    setDraining();
    try {
      const response = await postJson("drain/me", { n: 1 });
      expect(response.status).toBe(503);
      expect((await postJson("drain/nobody", {})).status).toBe(503);
    } finally {
      inFlight.draining = false;
    }
    await flushRefusals();
    const items = refused((await deliveries(user.apiKey, workflowId)).items);
    expect(items.map((d) => `${d.status} ${d.reason} ${d.path}`)).toEqual(["503 draining drain/me"]);
    expect(await db().refusalCount.count()).toBe(1);
  });
});
