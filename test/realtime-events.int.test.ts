import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as eventsRoute from "@/app/api/events/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, waitFor, type Published } from "./helpers";

const post = (path: string, n: number) =>
  call(
    webhookRoute.POST,
    new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId: `E-${n}`, amount: n, customer: { name: "e" } }) }),
    { path: [path] },
  );

describe("realtime events", () => {
  beforeEach(async () => {
    await resetDatabase();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("numbers every change per user, gapless, in the saved status; a failing publisher delivers everything in order once it recovers", async () => {
    const delivered: Published[] = [];
    let down = true;
    let attempts = 0;
    setPublishTransport(async (batch) => {
      attempts += 1;
      if (down) throw new Error("pusher is down");
      for (const e of batch) delivered.push(e as Published);
    });
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("events"), active: true });
    // Runs go on while Pusher is down: publishing never fails them.
    for (let i = 0; i < 12; i++) expect((await post("events", i)).status).toBe(200);
    await waitFor(async () => attempts >= 2, "the publisher to retry");
    expect(delivered).toEqual([]);

    down = false;
    // 12 runs: executionStarted + executionCompleted each.
    await waitFor(async () => delivered.length >= 24, "every event after recovery", 20_000);
    expect(delivered).toHaveLength(24);
    const seqs = delivered.map((e) => e.data.seq as number);
    // Delivered in order, numbered 1..24 without a gap.
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    for (const e of delivered.filter((d) => d.name === "executionCompleted")) expect(e.data.status).toBe("SUCCEEDED");

    // The catch-up endpoint agrees: each execution once, with its latest number and status.
    const baseline = await (await call(eventsRoute.GET, authed(user.apiKey, "/api/events"), {})).json();
    expect(baseline).toEqual({ events: [], lastSeq: 24, hasMore: false });
    const since = await (await call(eventsRoute.GET, authed(user.apiKey, "/api/events?after=20"), {})).json();
    expect(since.lastSeq).toBe(24);
    expect(since.events.map((e: { seq: number }) => e.seq)).toEqual([22, 24]);
    expect(since.events.every((e: { status: string }) => e.status === "SUCCEEDED")).toBe(true);
    const paged = await (await call(eventsRoute.GET, authed(user.apiKey, "/api/events?after=0&limit=5"), {})).json();
    expect(paged.events).toHaveLength(5);
    expect(paged.hasMore).toBe(true);
    // A page ends where its last entry is: asking again from there continues without a hole.
    expect(paged.lastSeq).toBe(paged.events.at(-1).seq);
    const next = await (await call(eventsRoute.GET, authed(user.apiKey, `/api/events?after=${paged.lastSeq}&limit=500`), {})).json();
    expect([...paged.events, ...next.events].map((e: { executionId: string }) => e.executionId).sort()).toEqual(
      (await (await call(eventsRoute.GET, authed(user.apiKey, "/api/events?after=0"), {})).json()).events.map((e: { executionId: string }) => e.executionId).sort(),
    );
  });

  it("keeps each user's numbers apart and refuses a bad cursor", async () => {
    setPublishTransport(async () => undefined);
    const a = await makeUser("a");
    const b = await makeUser("b");
    await makeWorkflow(a.id, { ...orderReceivedWorkflow("a-events"), active: true });
    await makeWorkflow(b.id, { ...orderReceivedWorkflow("b-events"), active: true });
    await Promise.all([post("a-events", 1), post("b-events", 2), post("a-events", 3)]);
    const forA = await (await call(eventsRoute.GET, authed(a.apiKey, "/api/events?after=0"), {})).json();
    const forB = await (await call(eventsRoute.GET, authed(b.apiKey, "/api/events?after=0"), {})).json();
    expect([forA.lastSeq, forA.events.length]).toEqual([4, 2]);
    expect([forB.lastSeq, forB.events.length]).toEqual([2, 1]);
    const bad = await call(eventsRoute.GET, authed(a.apiKey, "/api/events?after=-1"), {});
    expect(bad.status).toBe(400);
  });
});
