import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import * as statusRoute from "@/app/api/executions/[id]/status/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";
import { postJson } from "./webhook-fixtures";
import { startGate } from "./gate";

// The gate (test/gate.ts) is on loopback. Hoisted: the engine settings are read as modules load.
vi.hoisted(() => {
  process.env.HOOKFLOW_ALLOW_PRIVATE_NETWORK = "true";
});

const wait = { id: "pause", type: "wait", parameters: { ms: 1000 } };

// webhook (deadline 100 ms) → wait 1 s (or what `hold` says) → respond 201 {done, n}
function slowWorkflow(path: string, webhook: Record<string, unknown> = {}, hold: Record<string, unknown> = wait) {
  return {
    name: `Slow ${path}`,
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "respondNode", responseDeadlineMs: 100, ...webhook } },
      { ...hold, id: "pause" },
      { id: "reply", type: "respond", parameters: { status: 201, body: { done: true, n: "{{ $trigger.body.n }}" } } },
    ],
    connections: [
      { from: "webhook", to: "pause" },
      { from: "pause", to: "reply" },
    ],
  };
}

function poll(statusUrl: string): Promise<Response> {
  const url = new URL(statusUrl);
  const id = url.pathname.split("/")[3]!;
  return call(statusRoute.GET, new Request(url), { id });
}

describe("webhook response deadline", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("answers 202 with a status URL past the deadline; the URL reports RUNNING, then the workflow's response", async () => {
    const user = await makeUser();
    // The run is held at the gate until the test has seen it RUNNING: the 202 can only be the deadline's.
    const gate = await startGate();
    await makeWorkflow(user.id, slowWorkflow("deadline/slow", {}, { type: "httpRequest", parameters: { method: "GET", url: gate.url } }));

    const t0 = performance.now();
    const response = await postJson("deadline/slow", { n: 7 });
    console.log(`[deadline] 202 after ${Math.round(performance.now() - t0)} ms (deadline 100 ms)`);
    expect(response.status).toBe(202);
    const body = (await response.json()) as { executionId: string; statusUrl: string };
    expect(response.headers.get("x-hookflow-execution-id")).toBe(body.executionId);
    expect(body.statusUrl).toMatch(new RegExp(`/api/executions/${body.executionId}/status\\?token=[A-Za-z0-9_-]{40,}$`));

    // Only the hash is stored.
    const row = await db().execution.findUniqueOrThrow({ where: { id: body.executionId } });
    expect(row.statusTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.statusUrl).not.toContain(row.statusTokenHash!);

    const running = await poll(body.statusUrl);
    expect(running.status).toBe(200);
    const runningView = await running.json();
    expect(runningView).toMatchObject({ executionId: body.executionId, status: "RUNNING", finishedAt: null });
    expect(runningView.response).toBeUndefined();

    gate.open();
    const done = await waitFor(async () => {
      const view = await (await poll(body.statusUrl)).json();
      return view.status === "RUNNING" ? undefined : view;
    }, "the run to finish", 20_000);
    expect(done).toMatchObject({ status: "SUCCEEDED", response: { status: 201, body: { done: true, n: 7 } } });
    expect(done.finishedAt).not.toBeNull();
    expect(await db().execution.count()).toBe(1);
    await gate.close();
  });

  it("answers 404 to a wrong or missing token and to an execution without a status URL", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, slowWorkflow("deadline/tokens"));
    const { executionId, statusUrl } = (await (await postJson("deadline/tokens", { n: 1 })).json()) as { executionId: string; statusUrl: string };

    const wrong = statusUrl.replace(/token=.*/, "token=" + "A".repeat(43));
    expect((await poll(wrong)).status).toBe(404);
    expect((await poll(statusUrl.replace(/\?token=.*/, ""))).status).toBe(404);
    const otherId = statusUrl.replace(executionId, crypto.randomUUID());
    expect((await poll(otherId)).status).toBe(404);
    const error = await (await poll(wrong)).json();
    expect(error).toMatchObject({ error: { code: "not_found" } });
    expect((await poll(statusUrl)).status).toBe(200);
    // Let the run finish before the next test empties the tables under it.
    await waitFor(async () => ((await (await poll(statusUrl)).json()).status !== "RUNNING" ? true : undefined), "the run to finish", 20_000);
  });

  it("answers normally, with no status token, when the run beats the deadline", async () => {
    const user = await makeUser();
    // A deadline a 1 s run cannot reach even on a loaded machine.
    const workflow = slowWorkflow("deadline/fast", { responseDeadlineMs: 60_000 });
    await makeWorkflow(user.id, workflow);
    const response = await postJson("deadline/fast", { n: 3 });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ done: true, n: 3 });
    const row = await db().execution.findFirstOrThrow();
    expect(row.status).toBe("SUCCEEDED");
    // Stored for the status URL that was prepared, even though the caller never needed it.
    expect(row.response).toMatchObject({ status: 201 });
  });

  it("stores no answer for runs without a deadline (the hot path writes nothing extra)", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, slowWorkflow("deadline/none", { responseDeadlineMs: undefined, responseMode: "lastNode" }));
    const response = await postJson("deadline/none", { n: 2 });
    expect(response.status).toBe(200);
    const row = await db().execution.findFirstOrThrow();
    expect(row.statusTokenHash).toBeNull();
    expect(row.response).toBeNull();
  });

  it("refuses a deadline that is not a positive whole number of ms", async () => {
    const user = await makeUser();
    await expect(makeWorkflow(user.id, slowWorkflow("deadline/bad", { responseDeadlineMs: -5 }))).rejects.toThrow(/responseDeadlineMs/);
  });
});
