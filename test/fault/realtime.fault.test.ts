// A pusher-js client through a realtime outage under load, against real `next start` processes
// of the production build: every change is numbered, so the client can tell what it missed and
// catch up from GET /api/events; afterwards it has applied every executionCompleted.
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectNodeClient } from "@/scripts/node-realtime-client";
import { post, startHarness, until, type Harness } from "./fault-helpers";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ leaseSeconds: 2 }, 3750);
  await h.workflow("rt", [{ id: "tag", type: "set", parameters: { fields: { ok: true } } }]);
});

afterAll(async () => {
  await h?.close();
});

type Change = { seq: number; executionId: string; status: string };

it("realtime server down for 5 s under load: the client catches up by sequence and its view equals the database", async () => {
  const server = await h.cluster.startInstance(h.nextPort());
  const env = h.cluster.env;
  // The client: applies events in sequence order; on a gap or a resubscribe it catches up.
  const applied = new Map<string, Change>();
  let last = 0;
  let catchUps = 0;
  const apply = (c: Change) => {
    applied.set(c.executionId, c);
    last = Math.max(last, c.seq);
  };
  const catchUp = async () => {
    catchUps += 1;
    for (;;) {
      const response = await fetch(`${server.url}/api/events?after=${last}`, { headers: { authorization: `Bearer ${h.apiKey}` } });
      const page = (await response.json()) as { events: Change[]; lastSeq: number; hasMore: boolean };
      page.events.forEach(apply);
      last = Math.max(last, page.lastSeq);
      if (!page.hasMore) return;
    }
  };
  let chain = Promise.resolve();
  const serially = (task: () => Promise<void> | void) => (chain = chain.then(task, task));

  const { client, channel } = connectNodeClient(env, h.userId);
  let subscriptions = 0;
  channel.bind("pusher:subscription_succeeded", () => {
    subscriptions += 1;
    void serially(catchUp);
  });
  for (const name of ["executionStarted", "executionCompleted", "executionUpdated"]) {
    channel.bind(name, (data: { seq: number; executionId: string; status?: string }) =>
      serially(async () => {
        if (data.seq <= last) return;
        if (data.seq > last + 1) return catchUp();
        apply({ seq: data.seq, executionId: data.executionId, status: data.status ?? "RUNNING" });
      }),
    );
  }
  await until(async () => subscriptions >= 1, "the first subscription");

  let sending = true;
  const accepted: string[] = [];
  const senders = Array.from({ length: 4 }, async () => {
    while (sending) {
      const response = await post(server, "rt");
      if (response.ok) accepted.push(response.headers.get("x-hookflow-execution-id")!);
      await response.arrayBuffer();
    }
  });
  await new Promise((r) => setTimeout(r, 1_000));
  await h.cluster.stopRealtime();
  const atStop = accepted.length;
  await new Promise((r) => setTimeout(r, 5_000));
  const missedWhileDown = accepted.length - atStop;
  await h.cluster.startRealtime();
  await new Promise((r) => setTimeout(r, 1_000));
  sending = false;
  await Promise.all(senders);
  // Runs happened while the client could not hear about them (the fault mattered).
  expect(missedWhileDown).toBeGreaterThan(5);

  // The client resubscribed after the outage and caught up.
  await until(async () => subscriptions >= 2, "the client to resubscribe", 30_000);
  const rows = await h.db().execution.findMany({ where: { userId: h.userId }, select: { id: true, status: true, eventSeq: true } });
  const dbLast = Math.max(...rows.map((r) => r.eventSeq));
  await until(async () => (await chain, last >= dbLast), "the client to reach the database's last sequence number", 30_000);
  expect(catchUps).toBeGreaterThanOrEqual(2);
  // Its view equals the database: every execution, with its saved final status and number.
  expect(applied.size).toBe(rows.length);
  for (const row of rows) {
    expect(applied.get(row.id), row.id).toMatchObject({ status: row.status, seq: row.eventSeq });
  }
  expect(rows.every((r) => r.status === "SUCCEEDED")).toBe(true);
  expect(accepted.every((id) => applied.has(id))).toBe(true);
  client.disconnect();
  await h.cluster.kill(server);
});
