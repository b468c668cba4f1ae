import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as cronRoute from "@/app/api/cron/reconcile/route";
import { reconcileExecutions } from "@/lib/executions/reconcile-executions";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { call, makeUser, makeWorkflow, recordRealtime } from "./helpers";

async function runningExecution(leaseExpiresAt: Date | null, startedAt = new Date()) {
  const user = await makeUser();
  const { id: workflowId } = await makeWorkflow(user.id, { ...orderReceivedWorkflow(`r-${Math.random().toString(36).slice(2)}`), active: true });
  const version = await db().workflowVersion.findFirstOrThrow({ where: { workflowId } });
  const execution = await db().execution.create({
    data: {
      id: crypto.randomUUID(), userId: user.id, workflowId, workflowVersionId: version.id, mode: "WEBHOOK", triggerNodeId: "webhook",
      trigger: {}, startedAt, status: "RUNNING", executionPath: [], leaseExpiresAt,
    },
  });
  await db().nodeExecution.create({
    data: { executionId: execution.id, nodeId: "webhook", nodeType: "webhook", status: "SUCCEEDED", startedAt, finishedAt: startedAt, durationMs: 0.1 },
  });
  return execution;
}

describe("reconciler", () => {
  beforeEach(async () => {
    await resetDatabase();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("marks RUNNING rows with an expired lease CRASHED, keeps their node rows, publishes once, and leaves live runs alone", async () => {
    const events = recordRealtime();
    const dead = await runningExecution(new Date(Date.now() - 1_000));
    const legacy = await runningExecution(null, new Date(Date.now() - 120_000));
    const alive = await runningExecution(new Date(Date.now() + 30_000));

    // Two reconcilers at once (two instances): each row is finished exactly once.
    const [a, b] = await Promise.all([reconcileExecutions(), reconcileExecutions()]);
    expect([...a.crashed, ...b.crashed].sort()).toEqual([dead.id, legacy.id].sort());

    const rows = await db().execution.findMany({ select: { id: true, status: true, finishedAt: true, error: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(dead.id)!.status).toBe("CRASHED");
    expect(byId.get(dead.id)!.finishedAt).not.toBeNull();
    expect((byId.get(dead.id)!.error as { message: string }).message).toMatch(/lease expired/);
    expect(byId.get(legacy.id)!.status).toBe("CRASHED");
    expect(byId.get(alive.id)!.status).toBe("RUNNING");
    expect(await db().nodeExecution.count({ where: { executionId: dead.id } })).toBe(1);

    const completed = events.filter((e) => e.name === "executionCompleted");
    expect(completed.map((e) => e.data.executionId).sort()).toEqual([dead.id, legacy.id].sort());
    expect(completed.every((e) => e.data.status === "CRASHED")).toBe(true);
    expect((await reconcileExecutions()).crashed).toEqual([]);
  });

  it("runs from the cron route only with CRON_SECRET", async () => {
    recordRealtime();
    await runningExecution(new Date(Date.now() - 1_000));
    const none = {} as Record<string, never>;
    const denied = await call(cronRoute.GET, new Request("http://localhost:3000/api/cron/reconcile"), none);
    expect(denied.status).toBe(401);
    const wrong = await call(cronRoute.GET, new Request("http://localhost:3000/api/cron/reconcile", { headers: { authorization: "Bearer nope" } }), none);
    expect(wrong.status).toBe(401);
    const ok = await call(cronRoute.GET, new Request("http://localhost:3000/api/cron/reconcile", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } }), none);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ crashed: 1 });
  });
});
