import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as cancelRoute from "@/app/api/executions/[id]/cancel/route";
import { completeExecution, beginExecution } from "@/lib/executions/run-execution";
import { loadWorkflowVersion } from "@/lib/workflows/load-version";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";

const slowWorkflow = (path: string) => ({
  name: "Slow",
  active: true,
  nodes: [
    { id: "webhook", type: "webhook", parameters: { path, responseMode: "immediately" } },
    { id: "before", type: "set", parameters: { fields: { step: 1 } } },
    // Under HOOKFLOW_PARK_AFTER_MS (5 s): the run waits in process, so the cancel aborts a live wait.
    { id: "pause", type: "wait", parameters: { ms: 4_500 } },
    { id: "after", type: "set", parameters: { fields: { step: 2 } } },
  ],
  connections: [
    { from: "webhook", to: "before" },
    { from: "before", to: "pause" },
    { from: "pause", to: "after" },
  ],
});

describe("cancelling an execution", () => {
  beforeEach(async () => {
    await resetDatabase();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("stops a run waiting in a node, saves CANCELLED, and a late finish does not overwrite it", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, slowWorkflow("slow"));
    const accepted = await call(webhookRoute.POST, new Request("http://localhost:3000/api/webhooks/slow", { method: "POST" }), { path: ["slow"] });
    expect(accepted.status).toBe(202);
    const { executionId } = await accepted.json();
    // The run is inside the wait once "before" has been written (runs > 150 ms write nodes live).
    await waitFor(() => db().nodeExecution.findFirst({ where: { executionId, nodeId: "before" } }), "the run to reach the wait");

    const cancelled = await call(cancelRoute.POST, authed(user.apiKey, `/api/executions/${executionId}/cancel`, { method: "POST" }), { id: executionId });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ id: executionId, status: "CANCELLED" });

    // The runner notices and aborts the wait: the node is saved CANCELLED, before its 4.5 s were up.
    const pause = await waitFor(() => db().nodeExecution.findFirst({ where: { executionId, nodeId: "pause" } }), "the wait node to be aborted");
    expect(pause.status).toBe("CANCELLED");
    expect(pause.durationMs).toBeLessThan(4_500);
    expect(pause.error).toEqual({ message: "Cancelled while running", name: "CancelledError" });
    const execution = await db().execution.findUniqueOrThrow({ where: { id: executionId }, include: { nodes: true } });
    // The cancel finalized the row first; the runner's finish kept CANCELLED but filled in what ran.
    expect(execution.status).toBe("CANCELLED");
    expect(execution.nodes.some((n) => n.nodeId === "after")).toBe(false);
    expect(execution.nodes.map((n) => n.status).sort()).toEqual(["CANCELLED", "SUCCEEDED", "SUCCEEDED"]);
    expect(execution.executionPath).toEqual(["webhook", "before", "pause"]);
    expect([execution.nodesSucceeded, execution.nodesFailed]).toEqual([2, 0]);
    // Announced once, by the cancel, with the saved status.
    const completed = events.filter((e) => e.name === "executionCompleted");
    expect(completed).toHaveLength(1);
    expect(completed[0]?.data).toMatchObject({ executionId, status: "CANCELLED" });

    const again = await call(cancelRoute.POST, authed(user.apiKey, `/api/executions/${executionId}/cancel`, { method: "POST" }), { id: executionId });
    expect(again.status).toBe(409);
  });

  it("sees a cancel written by another instance through the heartbeat", async () => {
    recordRealtime();
    const user = await makeUser();
    const { id: workflowId } = await makeWorkflow(user.id, { ...slowWorkflow("other"), nodes: slowWorkflow("other").nodes });
    const version = await db().workflowVersion.findFirstOrThrow({ where: { workflowId } });
    const workflow = await loadWorkflowVersion(version.id);
    const started = await beginExecution({
      userId: user.id, workflowId, workflowVersionId: version.id, workflow, triggerNodeId: "webhook",
      trigger: { method: "POST", path: "other", query: {}, headers: {}, body: null }, mode: "MANUAL",
    });
    const running = completeExecution(started);
    await waitFor(() => db().nodeExecution.findFirst({ where: { executionId: started.id, nodeId: "before" } }), "the run to reach the wait");
    // What another instance's cancel does to the row; this process's fast path is not involved.
    await db().execution.update({ where: { id: started.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    const outcome = await running;
    expect(outcome.status).toBe("CANCELLED");
    expect(outcome.result.status).toBe("cancelled");
  });

  it("answers 404 for someone else's execution", async () => {
    recordRealtime();
    const owner = await makeUser("owner");
    const other = await makeUser("other");
    await makeWorkflow(owner.id, slowWorkflow("mine"));
    const accepted = await call(webhookRoute.POST, new Request("http://localhost:3000/api/webhooks/mine", { method: "POST" }), { path: ["mine"] });
    const { executionId } = await accepted.json();
    const denied = await call(cancelRoute.POST, authed(other.apiKey, `/api/executions/${executionId}/cancel`, { method: "POST" }), { id: executionId });
    expect(denied.status).toBe(404);
    await call(cancelRoute.POST, authed(owner.apiKey, `/api/executions/${executionId}/cancel`, { method: "POST" }), { id: executionId });
  });
});
