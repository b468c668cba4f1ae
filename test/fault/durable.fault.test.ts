// Durable runs on real `next start` processes of the production build (run `npm run build`
// first; `npm test` does): a 2xx means the run will finish, whatever happens to the process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, sendMany, nodesRunAfterCommit, startCountingServer, startHarness, until, type CountingServer, type Harness } from "./fault-helpers";

let h: Harness;
let counter: CountingServer;
// Every node after the trigger calls the counting server, so every run of it is counted.
const counted = (id: string, delayMs = 0) => ({ id, type: "httpRequest", parameters: { method: "POST", url: `${counter.url}/?delayMs=${delayMs}`, idempotencyKey: true } });

beforeAll(async () => {
  counter = await startCountingServer();
  // The counting server is on loopback; the workflows here may call it.
  h = await startHarness({ leaseSeconds: 2, shutdownGraceMs: 2_000, env: { HOOKFLOW_ALLOW_PRIVATE_NETWORK: "true" } }, 3800);
  // The 2 s middle step is a held call: the kill lands inside a side effect, not only inside a wait.
  await h.workflow("two-step", [counted("count"), counted("pause", 2_000), counted("done")], "immediately");
  await h.workflow("parked", [
    { id: "before", type: "set", parameters: { fields: { step: 1 } } },
    { id: "pause", type: "wait", parameters: { ms: 20_000 } },
    { id: "after", type: "set", parameters: { fields: { step: 2 } } },
  ], "immediately");
  await h.workflow("quick", [counted("a"), { id: "pause", type: "wait", parameters: { ms: 300 } }, counted("b")], "immediately");
});

afterAll(async () => {
  await h?.close();
  await counter?.close();
});

describe("durable runs", () => {
  it("200 immediately runs, every server SIGKILLed half-way and restarted: all 200 SUCCEEDED, no committed node ran twice", async () => {
    const servers = [await h.cluster.startInstance(h.nextPort()), await h.cluster.startInstance(h.nextPort())];
    const answers = await sendMany(servers, "two-step", 200, 20);
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(202));
    const ids = answers.map((a) => a.executionId!);
    // Half-way through the 2 s step of the last runs accepted.
    await new Promise((r) => setTimeout(r, 1_000));
    await Promise.all(servers.map((s) => h.cluster.kill(s, "SIGKILL")));
    const restarted = [await h.cluster.startInstance(h.nextPort()), await h.cluster.startInstance(h.nextPort())];

    await until(async () => (await h.db().execution.count({ where: { id: { in: ids }, status: "SUCCEEDED" } })) === 200, "all 200 to succeed", 90_000);
    const executions = await h.db().execution.findMany({ where: { id: { in: ids } }, include: { nodes: true } });
    // The kill interrupted runs: they were resumed, each in a new attempt.
    const resumed = executions.filter((e) => e.attempt > 1);
    expect(resumed.length).toBeGreaterThan(0);
    expect(executions.filter((e) => e.nodes.map((n) => n.nodeId).sort().join() !== "count,done,pause,webhook")).toEqual([]);
    // Every committed node of every run: called once by the run that committed it, never after.
    expect(nodesRunAfterCommit(counter, executions, ["count", "pause", "done"])).toEqual([]);
    // The check met resumed runs with nodes committed before the kill (not only runs the kill missed).
    expect(resumed.some((e) => e.nodes.find((n) => n.nodeId === "count")!.attempt === 1)).toBe(true);
    await Promise.all(restarted.map((s) => h.cluster.kill(s)));
  });

  it("a 20 s wait parked across a restart of every server resumes and finishes; a cancelled parked run never does", async () => {
    const servers = [await h.cluster.startInstance(h.nextPort()), await h.cluster.startInstance(h.nextPort())];
    const first = (await (await post(servers[0]!, "parked")).json()) as { executionId: string };
    const second = (await (await post(servers[1]!, "parked")).json()) as { executionId: string };
    await until(async () => (await h.db().execution.count({ where: { id: { in: [first.executionId, second.executionId] }, status: "WAITING" } })) === 2, "both runs to park");
    const cancel = await fetch(`${servers[1]!.url}/api/executions/${second.executionId}/cancel`, { method: "POST", headers: { authorization: `Bearer ${h.apiKey}` } });
    expect(cancel.status).toBe(200);

    await Promise.all(servers.map((s) => h.cluster.kill(s, "SIGKILL")));
    await new Promise((r) => setTimeout(r, 2_000));
    const restarted = [await h.cluster.startInstance(h.nextPort()), await h.cluster.startInstance(h.nextPort())];

    const done = await until(() => h.db().execution.findFirst({ where: { id: first.executionId, status: "SUCCEEDED" }, include: { nodes: true } }), "the parked run to finish", 60_000);
    expect(done.nodes.map((n) => [n.nodeId, n.status]).sort()).toEqual([["after", "SUCCEEDED"], ["before", "SUCCEEDED"], ["pause", "SUCCEEDED"], ["webhook", "SUCCEEDED"]]);
    expect(done.nodes.find((n) => n.nodeId === "pause")!.durationMs).toBeGreaterThanOrEqual(20_000);
    const cancelled = await h.db().execution.findUniqueOrThrow({ where: { id: second.executionId }, include: { nodes: true } });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.nodes.some((n) => n.nodeId === "after")).toBe(false);
    expect(cancelled.nodes.find((n) => n.nodeId === "pause")!.status).toBe("CANCELLED");
    await Promise.all(restarted.map((s) => h.cluster.kill(s)));
  });

  it("two ingestion-only web instances + two workers, 1,000 immediately runs, one web instance killed: each finished exactly once", async () => {
    const web = [await h.cluster.startInstance(h.nextPort(), { worker: false }), await h.cluster.startInstance(h.nextPort(), { worker: false })];
    await h.cluster.startWorker();
    await h.cluster.startWorker();
    const sending = sendMany(web, "quick", 1_000, 20);
    // Kill one web instance once a good share is accepted; its unfinished runs are resumed by the workers.
    await until(async () => (await h.db().execution.count({ where: { workflow: { name: "quick" } } })) >= 300, "300 runs accepted", 120_000);
    await h.cluster.kill(web[0]!, "SIGKILL");
    const answers = await sending;
    // Every answer is a 202 or a refused connection (the killed instance): nothing in between.
    expect(answers.filter((a) => a.status !== 202 && a.status !== 0)).toEqual([]);
    const ids = answers.filter((a) => a.status === 202).map((a) => a.executionId!);
    expect(ids.length).toBeGreaterThan(500);

    await until(async () => (await h.db().execution.count({ where: { workflow: { name: "quick" }, status: { not: "SUCCEEDED" } } })) === 0, "every run to succeed", 240_000);
    const rows = await h.db().execution.findMany({
      where: { workflow: { name: "quick" } },
      select: { id: true, attempt: true, nodesSucceeded: true, nodes: { select: { nodeId: true, startedAt: true, finishedAt: true } } },
    });
    const saved = new Set(rows.map((r) => r.id));
    expect(ids.every((id) => saved.has(id))).toBe(true);
    // Exactly once, in side effects: each run's calls to the counting server, node by node.
    expect(nodesRunAfterCommit(counter, rows, ["a", "b"])).toEqual([]);
    expect(rows.filter((r) => r.nodes.length !== 4 || r.nodesSucceeded !== 4).map((r) => r.id)).toEqual([]);
    // The kill caught runs in flight, and the workers finished them.
    expect(rows.some((r) => r.attempt > 1)).toBe(true);
    // 2,000 counted calls beside 1,000 runs: minutes on a loaded 2-core machine.
  }, 360_000);
});
