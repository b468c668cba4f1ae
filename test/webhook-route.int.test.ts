import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";

function post(path: string, body: unknown, init: RequestInit = {}) {
  const request = new Request(`http://localhost:3000/api/webhooks/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer secret-token", ...(init.headers ?? {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
  return call(webhookRoute.POST, request, { path: path.split("?")[0]!.split("/") });
}

const order = { orderId: "A-1", amount: 250, customer: { name: "Ada" } };

describe("webhook route", () => {
  beforeEach(async () => {
    await resetDatabase();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("saves one execution with one row per executed node, real inputs, times, snapshot and trigger", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("orders"), active: true });

    const response = await post("orders?source=test", order);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ orderId: "A-1", tier: "priority" });
    const executionId = response.headers.get("x-hookflow-execution-id");

    const executions = await db().execution.findMany({ include: { nodes: { orderBy: { startedAt: "asc" } }, workflowVersion: true } });
    expect(executions).toHaveLength(1);
    const [execution] = executions;
    expect(execution!.id).toBe(executionId);
    expect(execution!.status).toBe("SUCCEEDED");
    expect(execution!.mode).toBe("WEBHOOK");
    expect(execution!.triggerNodeId).toBe("webhook");
    expect(execution!.finishedAt!.getTime()).toBeGreaterThanOrEqual(execution!.startedAt.getTime());
    expect(execution!.executionPath).toEqual(["webhook", "enrich", "is-large", "priority"]);
    expect([execution!.nodesSucceeded, execution!.nodesFailed]).toEqual([4, 0]);

    const trigger = execution!.trigger as { method: string; path: string; query: unknown; headers: Record<string, string>; body: unknown };
    expect(trigger).toMatchObject({ method: "POST", path: "orders", query: { source: "test" }, body: order });
    expect(trigger.headers.authorization).toBe("[redacted]");
    expect(trigger.headers["content-type"]).toBe("application/json");
    expect((execution!.workflowVersion.nodes as { id: string }[]).map((n) => n.id)).toContain("enrich");

    // Start times tie at millisecond resolution: order by the path the run took.
    const nodes = [...execution!.nodes].sort((a, b) => execution!.executionPath.indexOf(a.nodeId) - execution!.executionPath.indexOf(b.nodeId));
    expect(nodes.map((n) => n.nodeId)).toEqual(["webhook", "enrich", "is-large", "priority"]);
    expect(nodes.every((n) => n.status === "SUCCEEDED")).toBe(true);
    // Each node's own times: later nodes start no earlier than earlier ones finish.
    for (let i = 1; i < nodes.length; i++) expect(nodes[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(nodes[i - 1]!.finishedAt.getTime());
    expect(new Set(nodes.map((n) => n.durationMs)).size).toBeGreaterThan(1);
    // Real inputs: the set node got the webhook output; the if got the set output.
    expect(nodes[1]!.input).toMatchObject({ body: order, method: "POST" });
    expect(nodes[1]!.output).toEqual({ orderId: "A-1", amount: 250, customer: "Ada" });
    expect(nodes[2]!.input).toEqual({ orderId: "A-1", amount: 250, customer: "Ada" });
    expect(nodes[3]!.output).toEqual({ orderId: "A-1", tier: "priority" });

    await waitFor(async () => events.some((e) => e.name === "executionCompleted"), "executionCompleted");
    // A short run announces its start and its end (the page refetches the nodes); numbered per user.
    expect(events.map((e) => [e.name, e.data.seq])).toEqual([["executionStarted", 1], ["executionCompleted", 2]]);
    expect(events.every((e) => e.channel === `private-user-${user.id}`)).toBe(true);
    expect(events.at(-1)!.data).toMatchObject({ executionId, status: "SUCCEEDED", workflowId: execution!.workflowId });
  });

  it("takes the false branch and saves only the nodes that ran", async () => {
    recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("orders"), active: true });
    const response = await post("orders", { ...order, amount: 5 });
    expect(await response.json()).toEqual({ orderId: "A-1", tier: "standard" });
    const nodes = await db().nodeExecution.findMany({ select: { nodeId: true } });
    expect(nodes.map((n) => n.nodeId).sort()).toEqual(["enrich", "is-large", "standard", "webhook"]);
  });

  it("answers unknown paths, wrong methods, bad JSON and inactive workflows with 4xx JSON and no rows", async () => {
    recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("orders"), active: true });
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("sleeping"), name: "Inactive", active: false });

    const unknown = await post("nope", order);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");

    // The same 404 as an unknown or inactive path: nothing tells a stranger the path is live.
    const wrongMethod = await call(webhookRoute.GET, new Request("http://localhost:3000/api/webhooks/orders"), { path: ["orders"] });
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.headers.get("allow")).toBeNull();
    expect(await wrongMethod.json()).toEqual({ error: { code: "not_found", message: "No active webhook at /orders" } });
    const sleeping = await call(webhookRoute.GET, new Request("http://localhost:3000/api/webhooks/sleeping"), { path: ["sleeping"] });
    expect(await sleeping.json()).toEqual({ error: { code: "not_found", message: "No active webhook at /sleeping" } });
    const nobody = await call(webhookRoute.GET, new Request("http://localhost:3000/api/webhooks/nobody"), { path: ["nobody"] });
    expect(await nobody.json()).toEqual({ error: { code: "not_found", message: "No active webhook at /nobody" } });

    const badJson = await post("orders", '{"orderId": "A-1",');
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error.message).toMatch(/not valid JSON/);

    const inactive = await post("sleeping", order);
    expect(inactive.status).toBe(404);

    expect(await db().execution.count()).toBe(0);
    expect(await db().nodeExecution.count()).toBe(0);
  });

  it("saves a failed node's error with name and message (no host stack), and the run as FAILED", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "Broken",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: "broken" } },
        { id: "bad", type: "set", parameters: { fields: { x: "{{ $number($json.body.customer.name) }}" } } },
        { id: "after", type: "set", parameters: { fields: { y: 1 } } },
      ],
      connections: [
        { from: "webhook", to: "bad" },
        { from: "bad", to: "after" },
      ],
    });
    const response = await post("broken", order);
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe("workflow_failed");

    const execution = await db().execution.findFirstOrThrow({ include: { nodes: true } });
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toMatchObject({ failedNodeIds: ["bad"] });
    expect([execution.nodesSucceeded, execution.nodesFailed]).toEqual([1, 1]);
    const bad = execution.nodes.find((n) => n.nodeId === "bad")!;
    expect(bad.status).toBe("FAILED");
    const error = bad.error as { message: string; name: string; stack?: string };
    expect(error.message).toContain("$number($json.body.customer.name)");
    expect(error.name).toBeTruthy();
    // Issue 18: the host's stack (server file paths) stays in the log, out of the stored run.
    expect(error.stack).toBeUndefined();
    expect(JSON.stringify(execution)).not.toContain("/lib/engine/");
    expect(execution.nodes.some((n) => n.nodeId === "after")).toBe(false);
    await waitFor(async () => events.find((e) => e.name === "executionCompleted"), "event");
    expect(events.find((e) => e.name === "executionCompleted")!.data.status).toBe("FAILED");
  });

  it("answers 202 at once in immediately mode and finishes the run after the response", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    const definition = orderReceivedWorkflow("later");
    definition.nodes[0]!.parameters = { path: "later", methods: ["POST"], responseMode: "immediately" };
    await makeWorkflow(user.id, { ...definition, active: true });

    const response = await post("later", order);
    expect(response.status).toBe(202);
    const { executionId } = await response.json();
    const saved = await waitFor(
      () => db().execution.findFirst({ where: { id: executionId, status: "SUCCEEDED" }, include: { nodes: true } }),
      "execution to finish",
    );
    expect(saved.nodes).toHaveLength(4);
    await waitFor(async () => events.some((e) => e.name === "executionCompleted"), "executionCompleted");
  });

  it("answers with the respond node's status, headers and body in respondNode mode", async () => {
    recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "Custom response",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: "custom", responseMode: "respondNode" } },
        { id: "reply", type: "respond", parameters: { status: 201, headers: { "x-order": "{{ $json.body.orderId }}" }, body: { ok: true, id: "{{ $json.body.orderId }}" } } },
      ],
      connections: [{ from: "webhook", to: "reply" }],
    });
    const response = await post("custom", order);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-order")).toBe("A-1");
    expect(await response.json()).toEqual({ ok: true, id: "A-1" });
  });

  it("keeps a complete saved execution when every realtime publish throws", async () => {
    recordRealtime({ fail: true });
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("orders"), active: true });
    const response = await post("orders", order);
    expect(response.status).toBe(200);
    const execution = await db().execution.findFirstOrThrow({ include: { nodes: true } });
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.finishedAt).not.toBeNull();
    expect(execution.nodes).toHaveLength(4);
  });

  it("answers 503 when the result cannot be recorded, keeps it, and saves it once the database takes writes again", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("orders"), active: true });
    // A real database failure: Postgres rejects every update of an execution (finish, lease).
    await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION hookflow_test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected write failure'; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER hookflow_test_fail BEFORE UPDATE ON "Execution" FOR EACH ROW EXECUTE FUNCTION hookflow_test_fail()`);
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS hookflow_test_fail ON "Execution"`);
      await db().$executeRawUnsafe(`DROP FUNCTION IF EXISTS hookflow_test_fail()`);
    };
    try {
      const response = await post("orders", order);
      // Never a 2xx for a result that is not recorded.
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const executionId = response.headers.get("x-hookflow-execution-id") ?? (await response.json()).error.details.executionId;
      expect((await db().execution.findFirstOrThrow()).status).toBe("RUNNING");
      expect(events.some((e) => e.name === "executionCompleted")).toBe(false);

      await drop();
      // The runner kept its result and writes it when it can: the real outcome, not a crash.
      const saved = await waitFor(async () => {
        const row = await db().execution.findFirstOrThrow({ include: { nodes: true } });
        return row.status !== "RUNNING" && row;
      }, "the kept result to be saved", 20_000);
      expect(saved.id).toBe(executionId);
      expect(saved.status).toBe("SUCCEEDED");
      expect(saved.nodes).toHaveLength(4);
      // The record says what the sender got: the 503, not the run's 200.
      expect(saved.responseStatus).toBe(503);
      expect((saved.responseSent as { body: string }).body).toContain("could not be recorded");
      const completed = await waitFor(async () => events.find((e) => e.name === "executionCompleted"), "executionCompleted");
      expect(completed.data).toMatchObject({ executionId, status: "SUCCEEDED" });
    } finally {
      await drop();
      await db().$executeRawUnsafe(`DROP FUNCTION IF EXISTS hookflow_test_fail()`);
    }
  });
});
