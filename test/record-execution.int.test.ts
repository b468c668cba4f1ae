import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { beginExecution, completeExecution } from "@/lib/executions/run-execution";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { call, makeUser, makeWorkflow, recordRealtime } from "./helpers";

const trigger = { method: "POST", path: "orders", query: {}, headers: {}, body: { orderId: "C-1", amount: 3, customer: { name: "Cy" } } };

let runs = 0;

async function startRun() {
  const user = await makeUser();
  runs += 1;
  const { id: workflowId } = await makeWorkflow(user.id, { ...orderReceivedWorkflow(`orders-${runs}`), active: true });
  const version = await db().workflowVersion.findFirstOrThrow({ where: { workflowId } });
  const workflow = await loadWorkflowVersion(version.id);
  return beginExecution({ userId: user.id, workflowId, workflowVersionId: version.id, workflow, triggerNodeId: "webhook", trigger, mode: "MANUAL" });
}

describe("recording executions", () => {
  beforeEach(async () => {
    await resetDatabase();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("maps every engine result to its saved status", async () => {
    recordRealtime();
    const completed = await completeExecution(await startRun());
    expect(completed.status).toBe("SUCCEEDED");

    const controller = new AbortController();
    controller.abort();
    const cancelled = await completeExecution(await startRun(), { signal: controller.signal });
    expect(cancelled.status).toBe("CANCELLED");

    const rows = await db().execution.findMany({ select: { id: true, status: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [completed.executionId]: "SUCCEEDED", [cancelled.executionId]: "CANCELLED" });
  });

  it("never overwrites a final status with a late finish, and reports the status that was saved", async () => {
    const events = recordRealtime();
    const started = await startRun();
    await db().execution.update({ where: { id: started.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    const outcome = await completeExecution(started);
    await outcome.published;
    expect(outcome.status).toBe("CANCELLED");
    expect((await db().execution.findUniqueOrThrow({ where: { id: started.id } })).status).toBe("CANCELLED");
    // The write that made the row final (here: someone else's) is the only one that announces it.
    expect(events.filter((e) => e.name === "executionCompleted")).toEqual([]);
    // The nodes that did run are still kept, and counted in the row with its path.
    const saved = await db().execution.findUniqueOrThrow({ where: { id: started.id } });
    expect(await db().nodeExecution.count({ where: { executionId: started.id } })).toBe(4);
    expect(saved.nodesSucceeded).toBe(4);
    expect(saved.executionPath).toHaveLength(4);
  });

  it("gives 40 concurrent webhook calls 40 executions, each with its own nodes and answer", async () => {
    recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, { ...orderReceivedWorkflow("burst"), active: true });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(
          webhookRoute.POST,
          new Request("http://localhost:3000/api/webhooks/burst", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ orderId: `B-${i}`, amount: i * 10, customer: { name: `n${i}` } }),
          }),
          { path: ["burst"] },
        ),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    bodies.forEach((body, i) => expect(body).toEqual({ orderId: `B-${i}`, tier: i * 10 >= 100 ? "priority" : "standard" }));
    const ids = responses.map((r) => r.headers.get("x-hookflow-execution-id"));
    expect(new Set(ids).size).toBe(40);
    const executions = await db().execution.findMany({ include: { nodes: true } });
    expect(executions).toHaveLength(40);
    for (const execution of executions) {
      expect(execution.status).toBe("SUCCEEDED");
      expect(execution.nodes).toHaveLength(4);
      const orderId = (execution.trigger as { body: { orderId: string } }).body.orderId;
      expect(execution.nodes.find((n) => n.nodeId === "enrich")!.output).toMatchObject({ orderId });
    }
  });
});
