// Fault injection against real `next start` processes of the production build
// (run `npm run build` first; `npm test` does). Each test fails if its guarantee breaks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster, type Instance } from "@/scripts/fault/cluster";

let cluster: Cluster;
let db: typeof import("@/lib/db").db;
let closeDb: typeof import("@/lib/db").closeDb | undefined;
let userId: string;
let nextPort = 3700;

const post = (instance: Instance, path: string, body: unknown = { n: 1 }) =>
  fetch(`${instance.url}/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function workflow(path: string, nodes: unknown[], responseMode = "lastNode") {
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const all = [{ id: "webhook", type: "webhook", parameters: { path, responseMode } }, ...(nodes as { id: string }[])];
  const connections = all.slice(1).map((n, i) => ({ from: all[i]!.id, to: n.id }));
  const { input } = parseWorkflowInput({ name: path, active: true, nodes: all, connections });
  return createWorkflow(userId, input);
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // the database may be restarting
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  cluster = await startCluster({ leaseSeconds: 2, shutdownGraceMs: 8_000 });
  Object.assign(process.env, cluster.env);
  ({ db, closeDb } = await import("@/lib/db"));
  const { createUser } = await import("@/lib/auth/users");
  userId = (await createUser({ email: "fault@hookflow.test", password: "fault-password" })).id;
  await workflow("fast", [{ id: "tag", type: "set", parameters: { fields: { ok: true } } }]);
  await workflow("slow", [
    { id: "before", type: "set", parameters: { fields: { step: 1 } } },
    { id: "pause", type: "wait", parameters: { ms: 15_000 } },
  ], "immediately");
  await workflow("brief", [{ id: "pause", type: "wait", parameters: { ms: 1_500 } }], "immediately");
});

afterAll(async () => {
  await closeDb?.();
  await cluster?.stop();
});

describe("faults", () => {
  it("SIGKILL during a run: after a restart the execution is CRASHED, its finished nodes kept, nothing RUNNING", async () => {
    const server = await cluster.startInstance(nextPort++);
    const accepted = await post(server, "slow");
    expect(accepted.status).toBe(202);
    const { executionId } = (await accepted.json()) as { executionId: string };
    await until(() => db().nodeExecution.findFirst({ where: { executionId, nodeId: "before" } }), "the run to be waiting");
    await cluster.kill(server, "SIGKILL");

    const restarted = await cluster.startInstance(nextPort++);
    // The lease (2 s here) must run out; the reconciler then finishes the row.
    await until(async () => (await cluster.reconcile(restarted)) >= 0 && (await db().execution.findFirst({ where: { id: executionId, status: "CRASHED" } })), "CRASHED");
    expect(await db().execution.count({ where: { status: "RUNNING" } })).toBe(0);
    expect(await db().nodeExecution.count({ where: { executionId, nodeId: "before" } })).toBe(1);
    await cluster.kill(restarted);
  });

  it("PostgreSQL stopped during a stream of webhooks: 503 while down, and every 2xx has exactly one execution", async () => {
    const server = await cluster.startInstance(nextPort++);
    const answers: { status: number; executionId: string | null; retryAfter: string | null }[] = [];
    let sending = true;
    const senders = Array.from({ length: 4 }, async () => {
      while (sending) {
        try {
          const response = await post(server, "fast");
          answers.push({ status: response.status, executionId: response.headers.get("x-hookflow-execution-id"), retryAfter: response.headers.get("retry-after") });
          await response.arrayBuffer();
        } catch {
          answers.push({ status: 0, executionId: null, retryAfter: null });
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    await cluster.stopDatabase();
    await new Promise((r) => setTimeout(r, 2_000));
    await cluster.startDatabase();
    await new Promise((r) => setTimeout(r, 2_500));
    sending = false;
    await Promise.all(senders);

    const ok = answers.filter((a) => a.status >= 200 && a.status < 300);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(ok.length).toBeGreaterThan(10);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((a) => a.retryAfter !== null)).toBe(true);
    expect(answers.filter((a) => a.status !== 503 && (a.status < 200 || a.status >= 300))).toEqual([]);
    const ids = ok.map((a) => a.executionId!);
    expect(new Set(ids).size).toBe(ids.length);
    const saved = await until(async () => {
      const rows = await db().execution.findMany({ where: { id: { in: ids } }, select: { id: true } });
      return rows.length === ids.length ? rows : null;
    }, "every accepted execution to be readable");
    expect(saved).toHaveLength(ids.length);
    await cluster.kill(server);
  });

  it("realtime server stopped: every execution is still saved with its final status", async () => {
    const server = await cluster.startInstance(nextPort++);
    await cluster.stopRealtime();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(server, "fast")));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const ids = responses.map((r) => r.headers.get("x-hookflow-execution-id")!);
    const rows = await db().execution.findMany({ where: { id: { in: ids } }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill("SUCCEEDED"));
    await cluster.startRealtime();
    await cluster.kill(server);
  });

  it("two instances on one PostgreSQL under load: executions = accepted requests, no duplicates", async () => {
    const a = await cluster.startInstance(nextPort++);
    const b = await cluster.startInstance(nextPort++);
    const before = await db().execution.count();
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, worker) => {
        for (let i = 0; i < 15; i++) {
          const response = await post(worker % 2 ? a : b, "fast", { worker, i });
          expect(response.status).toBe(200);
          ids.push(response.headers.get("x-hookflow-execution-id")!);
        }
      }),
    );
    expect(new Set(ids).size).toBe(300);
    expect((await db().execution.count()) - before).toBe(300);
    expect(await db().execution.count({ where: { id: { in: ids }, status: "SUCCEEDED" } })).toBe(300);
    await cluster.kill(a);
    await cluster.kill(b);
  });

  it("SIGTERM: new webhooks get 503, the running execution finishes, the process exits", async () => {
    const server = await cluster.startInstance(nextPort++);
    const accepted = await post(server, "brief");
    const { executionId } = (await accepted.json()) as { executionId: string };
    await until(() => db().execution.findFirst({ where: { id: executionId } }), "the run to start");
    server.process.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const refused = await post(server, "fast").catch(() => null);
    if (refused) expect(refused.status).toBe(503);
    expect(await server.exited).toBe(143);
    const execution = await db().execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(execution.status).toBe("SUCCEEDED");
  });
});
