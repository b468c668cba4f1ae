import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";
import { postJson } from "./webhook-fixtures";

function workflow(path: string, settings: Record<string, unknown>, waitMs = 0) {
  return {
    name: `Limited ${path}`,
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] } },
      { id: "pause", type: "wait", parameters: { ms: waitMs } },
    ],
    connections: [{ from: "webhook", to: "pause" }],
    settings,
  };
}

// Fixed windows start on multiples of their length (database clock, ~ this clock): a test
// that straddles a minute boundary would see two windows, so start well inside one.
async function awayFromMinuteEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await new Promise((r) => setTimeout(r, left + 250));
}

async function errorOf(response: Response) {
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as { error: { code: string; details: unknown } } };
}

describe("load limits", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("maxConcurrency 1: a second call while the first runs → 429 with Retry-After and no row; later calls run again", async () => {
    const user = await makeUser();
    const { id } = await makeWorkflow(user.id, workflow("limits/slow", { maxConcurrency: 1 }, 800));

    const first = postJson("limits/slow", { n: 1 });
    await waitFor(() => db().execution.findFirst({ where: { workflowId: id, status: "RUNNING" } }), "the first run to start");
    const second = await errorOf(await postJson("limits/slow", { n: 2 }));
    expect(second.status).toBe(429);
    expect(Number(second.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(second.body.error).toMatchObject({ code: "rate_limited", details: { reason: "concurrency", limit: 1 } });
    expect(await db().execution.count()).toBe(1);

    expect((await first).status).toBe(200);
    expect((await postJson("limits/slow", { n: 3 })).status).toBe(200);
    expect(await db().execution.count()).toBe(2);
  });

  it("maxConcurrency 2 holds under 8 simultaneous calls: exactly 2 run, 6 get 429", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, workflow("limits/burst", { maxConcurrency: 2 }, 600));
    const responses = await Promise.all(Array.from({ length: 8 }, (_, n) => postJson("limits/burst", { n })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 429, 429]);
    expect(await db().execution.count()).toBe(2);
  });

  it("a RUNNING row whose lease expired (dead runner) does not hold a slot", async () => {
    const user = await makeUser();
    const { id } = await makeWorkflow(user.id, workflow("limits/dead", { maxConcurrency: 1 }));
    const version = await db().workflowVersion.findFirstOrThrow({ where: { workflowId: id } });
    await db().execution.create({
      data: {
        id: crypto.randomUUID(), userId: user.id, workflowId: id, workflowVersionId: version.id, mode: "WEBHOOK", triggerNodeId: "webhook",
        trigger: {}, startedAt: new Date(Date.now() - 60_000), status: "RUNNING", executionPath: [], leaseExpiresAt: new Date(Date.now() - 1_000),
      },
    });
    expect((await postJson("limits/dead", {})).status).toBe(200);
  });

  it("rate limit 3 per minute on a path: the 4th call in the window → 429 with Retry-After, no row", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, workflow("limits/rate", { rateLimits: { webhook: { limit: 3, per: "minute" } } }));
    await awayFromMinuteEdge();
    for (let n = 0; n < 3; n++) expect((await postJson("limits/rate", { n })).status).toBe(200);
    const refused = await errorOf(await postJson("limits/rate", { n: 4 }));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", details: { reason: "rate_limit", limit: 3, windowSeconds: 60 } });
    expect(await db().execution.count()).toBe(3);
    // The window lives in PostgreSQL, where every instance counts.
    const [window] = await db().rateLimitWindow.findMany();
    expect(window).toMatchObject({ key: "path:limits/rate", count: 3 });
  });

  it("rate limit holds for simultaneous calls: 10 at once against 4/minute → 4 accepted", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, workflow("limits/rate-burst", { rateLimits: { webhook: { limit: 4, per: "minute" } } }));
    await awayFromMinuteEdge();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, n) => postJson("limits/rate-burst", { n })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(4);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(6);
    expect(await db().execution.count()).toBe(4);
  });

  it("refuses invalid limit settings on save", async () => {
    const user = await makeUser();
    await expect(makeWorkflow(user.id, workflow("limits/bad", { maxConcurrency: 0 }))).rejects.toThrow(/maxConcurrency/);
    await expect(makeWorkflow(user.id, workflow("limits/bad2", { rateLimits: { webhook: { limit: 5, per: "hour" } } }))).rejects.toThrow(/rateLimits/);
  });

  it("workflows without limits write no rate-limit rows", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, workflow("limits/none", {}));
    for (let n = 0; n < 5; n++) expect((await postJson("limits/none", { n })).status).toBe(200);
    expect(await db().rateLimitWindow.count()).toBe(0);
  });
});
