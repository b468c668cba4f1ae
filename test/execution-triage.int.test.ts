import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as rerunRoute from "@/app/api/executions/[id]/rerun/route";
import * as rerunsRoute from "@/app/api/executions/[id]/reruns/route";
import * as listRoute from "@/app/api/executions/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";

// Fails unless the body says ok: the original fails, a replay with an edited body succeeds.
const guarded = (path: string) => ({
  name: "Guarded",
  active: true,
  settings: {},
  nodes: [
    { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] } },
    { id: "check", type: "if", parameters: { condition: "{{ $json.body.ok = true }}" } },
    { id: "accept", type: "set", parameters: { keepInput: false, fields: { accepted: "{{ $json.body.orderId }}", source: "{{ $json.headers.`x-source` }}" } } },
    { id: "refuse", type: "stopAndError", parameters: { message: "order {{ $json.body.orderId }} not ok\nsee the docs" } },
  ],
  connections: [
    { from: "webhook", to: "check" },
    { from: "check", to: "accept", output: "true" },
    { from: "check", to: "refuse", output: "false" },
  ],
});

type User = Awaited<ReturnType<typeof makeUser>>;

const rerun = (user: User, id: string, body: unknown) =>
  call(rerunRoute.POST, authed(user.apiKey, `/api/executions/${id}/rerun`, { method: "POST", body: JSON.stringify(body) }), { id });

const finished = (id: string) => waitFor(() => db().execution.findFirst({ where: { id, status: { not: "RUNNING" } }, include: { nodes: true } }), `execution ${id} to finish`);

describe("triage: replay with an edited payload, re-run links, fixed by re-run", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("replays with an edited body and headers, and the original is reported fixed by it", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, guarded("triage"));
    const response = await call(
      webhookRoute.POST,
      new Request("http://localhost:3000/api/webhooks/triage?from=test", { method: "POST", headers: { "content-type": "application/json", "x-source": "shop" }, body: JSON.stringify({ orderId: "T-1", ok: false }) }),
      { path: ["triage"] },
    );
    expect(response.status).toBe(500);
    const originalId = response.headers.get("x-hookflow-execution-id")!;

    // A plain re-run fails the same way: not fixed yet.
    const same = await rerun(user, originalId, {});
    expect(same.status).toBe(202);
    const sameRun = await finished((await same.json()).executionId);
    expect(sameRun.status).toBe("FAILED");
    let reruns = await (await call(rerunsRoute.GET, authed(user.apiKey, `/api/executions/${originalId}/reruns`), { id: originalId })).json();
    expect(reruns).toMatchObject({ total: 1, fixedBy: null });

    // The edited body runs; headers are replaced and credentials in them redacted; the query is kept.
    const edited = await rerun(user, originalId, { trigger: { body: { orderId: "T-1b", ok: true }, headers: { "x-source": "replay", authorization: "Bearer secret" } } });
    expect(edited.status).toBe(202);
    const { executionId, retryOf } = await edited.json();
    expect(retryOf).toBe(originalId);
    const run = await finished(executionId);
    expect(run.status).toBe("SUCCEEDED");
    expect(run.trigger).toMatchObject({ method: "POST", path: "triage", query: { from: "test" }, body: { orderId: "T-1b", ok: true }, headers: { "x-source": "replay", authorization: "[redacted]" } });
    expect(run.nodes.find((n) => n.nodeId === "accept")?.output).toEqual({ accepted: "T-1b", source: "replay" });

    reruns = await (await call(rerunsRoute.GET, authed(user.apiKey, `/api/executions/${originalId}/reruns`), { id: originalId })).json();
    expect(reruns.total).toBe(2);
    expect(reruns.fixedBy).toBe(executionId);
    expect(reruns.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [executionId, "SUCCEEDED"],
      [sameRun.id, "FAILED"],
    ]);

    const list = await (await call(listRoute.GET, authed(user.apiKey, "/api/executions"), {})).json();
    const byId = new Map(list.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(originalId)).toMatchObject({ status: "FAILED", mode: "WEBHOOK", fixedByRerun: true, errorMessage: 'node "refuse" (stopAndError) failed: order T-1 not ok', retryOfId: null });
    expect(byId.get(sameRun.id)).toMatchObject({ status: "FAILED", mode: "RETRY", fixedByRerun: false, retryOfId: originalId });
    expect(byId.get(executionId)).toMatchObject({ status: "SUCCEEDED", mode: "RETRY", fixedByRerun: false, errorMessage: null });

    // Another user sees none of it.
    const other = await makeUser("other");
    expect((await call(rerunsRoute.GET, authed(other.apiKey, `/api/executions/${originalId}/reruns`), { id: originalId })).status).toBe(404);
  });

  it("holds an edited body to a webhook body's limits and refuses malformed overrides with a 400", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, guarded("limits"));
    const response = await call(
      webhookRoute.POST,
      new Request("http://localhost:3000/api/webhooks/limits", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId: "L-1" }) }),
      { path: ["limits"] },
    );
    const id = response.headers.get("x-hookflow-execution-id")!;
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    const cases: [unknown, number, RegExp][] = [
      [{ trigger: { body: deep } }, 400, /deeper than 64/],
      [{ trigger: { nope: 1 } }, 400, /nope|Unrecognized/i],
      [{ trigger: { headers: { "bad header": "x" } } }, 400, /trigger\.headers/],
      [{ trigger: { query: { a: 1 } } }, 400, /query|expected/i],
      [{ version: "latest" }, 400, /version|snapshot/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await rerun(user, id, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(JSON.stringify(await answer.json())).toMatch(message);
    }
    expect(await db().execution.count({ where: { retryOfId: id } })).toBe(0);
  });
});
