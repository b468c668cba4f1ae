import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, preparedQuery } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as cancelRoute from "@/app/api/executions/[id]/cancel/route";
import * as cronRoute from "@/app/api/cron/reconcile/route";
import { claimExecution, finishExecution, recordNodes, renewLease } from "@/lib/executions/lifecycle/execution-lifecycle";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { sweepResumable } from "@/lib/worker/sweep";
import { workDueJobs } from "@/lib/worker/work-resume-jobs";
import { newStatusToken, readExecutionStatus } from "@/lib/executions/execution-status-token";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";

// Waits over 300 ms park here (the server default is 5 s), so a parked run resumes within a test.
vi.hoisted(() => {
  process.env.HOOKFLOW_PARK_AFTER_MS = "300";
  process.env.HOOKFLOW_MAX_ATTEMPTS = "3";
});

const steps = (path: string, waitMs: number) => ({
  name: "Steps",
  active: true,
  nodes: [
    { id: "webhook", type: "webhook", parameters: { path, responseMode: "lastNode" } },
    { id: "first", type: "set", parameters: { fields: { step: 1 } } },
    { id: "pause", type: "wait", parameters: { ms: waitMs } },
    { id: "last", type: "set", parameters: { fields: { step: 2 } } },
  ],
  connections: [
    { from: "webhook", to: "first" },
    { from: "first", to: "pause" },
    { from: "pause", to: "last" },
  ],
});

const post = (path: string) => call(webhookRoute.POST, new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST" }), { path: [path] });

/** A run whose runner "died" after committing `webhook` and `first`: RUNNING, lease expired. */
async function deadRun(path: string, crashes = 0) {
  const user = await makeUser();
  const { id: workflowId } = await makeWorkflow(user.id, steps(path, 0));
  const version = await db().workflowVersion.findFirstOrThrow({ where: { workflowId } });
  const startedAt = new Date(Date.now() - 5_000);
  const execution = await db().execution.create({
    data: {
      id: crypto.randomUUID(), userId: user.id, workflowId, workflowVersionId: version.id, mode: "WEBHOOK", triggerNodeId: "webhook",
      trigger: { method: "POST", path, query: {}, headers: {}, body: { x: 1 } }, startedAt, status: "RUNNING", executionPath: ["webhook", "first"],
      leaseExpiresAt: new Date(Date.now() - 1_000), crashes, nodesSucceeded: 2,
    },
  });
  for (const [nodeId, nodeType, output] of [["webhook", "webhook", { body: { x: 1 } }], ["first", "set", { body: { x: 1 }, step: "from attempt 1" }]] as const) {
    await db().nodeExecution.create({
      data: { executionId: execution.id, nodeId, nodeType, status: "SUCCEEDED", outputName: "main", output, startedAt, finishedAt: startedAt, durationMs: 1 },
    });
  }
  return { user, execution };
}

describe("durable runs", () => {
  beforeEach(async () => {
    await resetDatabase();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("resumes a run whose runner died after its last committed node, without running committed nodes again", async () => {
    const events = recordRealtime();
    const { execution } = await deadRun("dead");
    const alive = await deadRun("alive");
    await db().execution.update({ where: { id: alive.execution.id }, data: { leaseExpiresAt: new Date(Date.now() + 60_000) } });

    expect(await sweepResumable()).toEqual([execution.id]);
    expect(await workDueJobs(10_000)).toBeGreaterThanOrEqual(1);

    const saved = await db().execution.findUniqueOrThrow({ where: { id: execution.id }, include: { nodes: { orderBy: { startedAt: "asc" } } } });
    expect(saved.status).toBe("SUCCEEDED");
    expect([saved.attempt, saved.crashes]).toEqual([2, 1]);
    expect(saved.executionPath).toEqual(["webhook", "first", "pause", "last"]);
    expect([saved.nodesSucceeded, saved.nodesFailed]).toEqual([4, 0]);
    // Committed nodes kept their attempt-1 rows; the rest ran in attempt 2 from the saved output.
    expect(Object.fromEntries(saved.nodes.map((n) => [n.nodeId, n.attempt]))).toEqual({ webhook: 1, first: 1, pause: 2, last: 2 });
    expect(saved.nodes.find((n) => n.nodeId === "last")?.output).toEqual({ body: { x: 1 }, step: 2 });
    await waitFor(async () => events.some((e) => e.name === "executionCompleted"), "the executionCompleted event");
    expect(events.filter((e) => e.name === "executionCompleted").map((e) => e.data.status)).toEqual(["SUCCEEDED"]);
    // The live run was left alone.
    expect((await db().execution.findUniqueOrThrow({ where: { id: alive.execution.id } })).status).toBe("RUNNING");
  });

  it("a resumed run whose caller got a status URL stores its answer there; one without a status URL stores none", async () => {
    const { execution } = await deadRun("dead-polled");
    const token = newStatusToken();
    await db().execution.update({ where: { id: execution.id }, data: { statusTokenHash: token.hash } });
    const plain = await deadRun("dead-plain");

    expect((await sweepResumable()).sort()).toEqual([execution.id, plain.execution.id].sort());
    expect(await workDueJobs(10_000)).toBeGreaterThanOrEqual(2);

    const view = await readExecutionStatus(execution.id, token.token);
    expect(view.status).toBe("SUCCEEDED");
    // lastNode: the answer is the last node's output, as the caller would have got it.
    expect(view.response).toMatchObject({ status: 200, body: { body: { x: 1 }, step: 2 } });
    expect(view.response?.headers["x-hookflow-execution-id"]).toBe(execution.id);
    const unpolled = await db().execution.findUniqueOrThrow({ where: { id: plain.execution.id } });
    expect([unpolled.status, unpolled.response]).toEqual(["SUCCEEDED", null]);
  });

  it("claims a run once among concurrent claimers, fencing the old runner out", async () => {
    recordRealtime();
    const { execution } = await deadRun("race");
    const claims = await Promise.all([claimExecution(execution.id), claimExecution(execution.id), claimExecution(execution.id)]);
    expect(claims.filter((c) => c?.kind === "claimed")).toHaveLength(1);
    // The app's own attempt-fenced verbs, as the old runner (attempt 1) and the new one (2) call them.
    const old = { executionId: execution.id, userId: execution.userId, attempt: 1 };
    const current = { ...old, attempt: 2 };
    const before = await db().execution.findUniqueOrThrow({ where: { id: execution.id } });
    expect(await renewLease(old)).toBe(false);
    expect((await db().execution.findUniqueOrThrow({ where: { id: execution.id } })).leaseExpiresAt).toEqual(before.leaseExpiresAt);
    expect(await renewLease(current)).toBe(true);
    // Its node rows and its final status are refused too; the run stays the new runner's.
    const late = { nodeId: "pause", nodeType: "wait", runIndex: 0, status: "succeeded" as const, output: "main", input: {}, data: {}, startedAt: new Date(), finishedAt: new Date(), durationMs: 1 };
    expect((await recordNodes(old, [late], ["webhook", "first", "pause"])).owned).toBe(false);
    const finish = { status: "SUCCEEDED" as const, finishedAt: new Date(), durationMs: 1, executionPath: ["webhook", "first", "pause"], nodes: [late] };
    expect((await finishExecution({ run: old, ...finish })).saved.owned).toBe(false);
    const saved = await db().execution.findUniqueOrThrow({ where: { id: execution.id }, include: { nodes: true } });
    expect([saved.status, saved.attempt, saved.nodes.map((n) => n.nodeId).sort()]).toEqual(["RUNNING", 2, ["first", "webhook"]]);
  });

  it("gives up as CRASHED, saying why, after the runner died HOOKFLOW_MAX_ATTEMPTS times", async () => {
    const events = recordRealtime();
    const { execution } = await deadRun("doomed", 2);
    expect(await claimExecution(execution.id)).toEqual({ kind: "gaveUp" });
    const saved = await db().execution.findUniqueOrThrow({ where: { id: execution.id } });
    expect(saved.status).toBe("CRASHED");
    expect((saved.error as { message: string }).message).toMatch(/runner died 3 times/);
    // What was committed stays, counted.
    expect([saved.executionPath, saved.nodesSucceeded]).toEqual([["webhook", "first"], 2]);
    await waitFor(async () => events.find((e) => e.name === "executionCompleted" && e.data.status === "CRASHED"), "the CRASHED event");
  });

  it("parks a long wait (WAITING, no lease, a scheduled job) and resumes it when it is due", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, steps("parked", 1_500));
    const response = await post("parked");
    expect(response.status).toBe(202);
    const { executionId, status } = await response.json();
    expect(status).toBe("WAITING");

    const parked = await db().execution.findUniqueOrThrow({ where: { id: executionId }, include: { nodes: true } });
    expect(parked.status).toBe("WAITING");
    expect(parked.leaseExpiresAt).toBeNull();
    expect(parked.resumeAt).not.toBeNull();
    expect(parked.nodes.find((n) => n.nodeId === "pause")?.status).toBe("WAITING");
    const [job] = await preparedQuery<{ start_after: Date }>("job_probe", `SELECT start_after FROM pgboss.job WHERE singleton_key = $1 AND state = 'created'`, [executionId]);
    expect(job?.start_after.getTime()).toBe(parked.resumeAt!.getTime());
    // Published after the commit, by the batched publisher: wait for it rather than race it.
    const updated = await waitFor(async () => events.find((e) => e.name === "executionUpdated"), "the WAITING event");
    expect(updated.data).toMatchObject({ executionId, status: "WAITING" });

    // Not due yet: nothing to work.
    await workDueJobs(1_000);
    expect((await db().execution.findUniqueOrThrow({ where: { id: executionId } })).status).toBe("WAITING");

    await waitFor(async () => (await workDueJobs(2_000)) > 0, "the resume job to come due", 10_000);
    const done = await db().execution.findUniqueOrThrow({ where: { id: executionId }, include: { nodes: true } });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.attempt).toBe(2);
    expect(done.crashes).toBe(0);
    const pause = done.nodes.find((n) => n.nodeId === "pause")!;
    expect(pause.status).toBe("SUCCEEDED");
    // The wait node keeps its real start; it lasted the whole wait.
    expect(pause.startedAt.getTime()).toBe(parked.nodes.find((n) => n.nodeId === "pause")!.startedAt.getTime());
    expect(pause.durationMs).toBeGreaterThanOrEqual(1_500);
    expect(done.nodes.map((n) => n.nodeId).sort()).toEqual(["first", "last", "pause", "webhook"]);
  });

  it("cancels a parked run: it never resumes, and its waiting node says Cancelled", async () => {
    const events = recordRealtime();
    const user = await makeUser();
    await makeWorkflow(user.id, steps("cancel-parked", 800));
    const { executionId } = await (await post("cancel-parked")).json();
    const cancelled = await call(cancelRoute.POST, authed(user.apiKey, `/api/executions/${executionId}/cancel`, { method: "POST" }), { id: executionId });
    expect(await cancelled.json()).toEqual({ id: executionId, status: "CANCELLED" });

    await new Promise((r) => setTimeout(r, 900));
    await workDueJobs(2_000);
    const saved = await db().execution.findUniqueOrThrow({ where: { id: executionId }, include: { nodes: true } });
    expect(saved.status).toBe("CANCELLED");
    expect(saved.attempt).toBe(1);
    expect(saved.nodes.find((n) => n.nodeId === "pause")?.status).toBe("CANCELLED");
    expect(saved.nodes.some((n) => n.nodeId === "last")).toBe(false);
    await waitFor(async () => events.some((e) => e.name === "executionCompleted"), "the executionCompleted event");
    expect(events.filter((e) => e.name === "executionCompleted").map((e) => e.data.status)).toEqual(["CANCELLED"]);
  });

  it("the cron route queues and resumes due runs (hosts without a worker)", async () => {
    recordRealtime();
    const { execution } = await deadRun("cron");
    const unauthorized = await call(cronRoute.GET, new Request("http://localhost:3000/api/cron/reconcile"), {});
    expect(unauthorized.status).toBe(401);
    const response = await call(cronRoute.GET, new Request("http://localhost:3000/api/cron/reconcile", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } }), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ queued: 1, resumed: 1 });
    expect((await db().execution.findUniqueOrThrow({ where: { id: execution.id } })).status).toBe("SUCCEEDED");
  });
});
