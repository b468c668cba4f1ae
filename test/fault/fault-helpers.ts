// Shared by the fault tests: a cluster of real `next start` processes of the production build.
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startCluster, type Cluster, type ClusterOptions, type Instance } from "@/scripts/fault/cluster";

export type Harness = {
  cluster: Cluster;
  db: typeof import("@/lib/db").db;
  userId: string;
  apiKey: string;
  nextPort: () => number;
  workflow: (path: string, nodes: unknown[], responseMode?: string) => Promise<unknown>;
  close: () => Promise<void>;
};

export async function startHarness(options: ClusterOptions, firstPort: number): Promise<Harness> {
  // FAULT_LOG=<file>: the servers' and workers' stderr, for a failing run.
  const logFile = process.env.FAULT_LOG;
  const cluster = await startCluster({ ...options, ...(logFile ? { log: (m: string) => appendFileSync(logFile, `${m}\n`) } : {}) });
  Object.assign(process.env, cluster.env);
  const { db, closeDb } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createApiKey } = await import("@/lib/auth/api-keys");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const userId = (await createUser({ email: `fault-${firstPort}@hookflow.test`, password: "fault-password" })).id;
  const apiKey = (await createApiKey(userId)).key;
  // FAULT_PORT_OFFSET: run two checkouts' fault suites side by side without sharing ports.
  let port = firstPort + Number(process.env.FAULT_PORT_OFFSET ?? 0);
  return {
    cluster,
    db,
    userId,
    apiKey,
    nextPort: () => port++,
    workflow: async (path, nodes, responseMode = "lastNode") => {
      const all = [{ id: "webhook", type: "webhook", parameters: { path, responseMode } }, ...(nodes as { id: string }[])];
      const connections = all.slice(1).map((n, i) => ({ from: all[i]!.id, to: n.id }));
      const { input } = parseWorkflowInput({ name: path, active: true, nodes: all, connections });
      return createWorkflow(userId, input);
    },
    close: async () => {
      await closeDb();
      await cluster.stop();
    },
  };
}

export const post = (instance: Instance, path: string, body: unknown = { n: 1 }) =>
  fetch(`${instance.url}/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // the database may be restarting
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type CountingServer = { url: string; hits: Map<string, number[]>; close: () => Promise<void> };

/**
 * A loopback HTTP target that records each request's arrival time by its Idempotency-Key (an
 * httpRequest node with `idempotencyKey: true` sends `<executionId>:<nodeId>`): every run of a node
 * is a real side effect, counted. `?delayMs=N` holds the answer that long (a step a kill can interrupt).
 */
export async function startCountingServer(): Promise<CountingServer> {
  const hits = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const arrived = Date.now();
    const key = String(req.headers["idempotency-key"] ?? "none");
    hits.set(key, [...(hits.get(key) ?? []), arrived]);
    const delayMs = Number(new URL(req.url ?? "/", "http://x").searchParams.get("delayMs") ?? 0);
    req.resume();
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ key })), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type SavedRun = { id: string; nodes: { nodeId: string; startedAt: Date; finishedAt: Date | null }[] };

/**
 * No committed node ran again, counted in side effects: for every run and every counted node, the
 * committed row's run of it really called the server (a call inside its [startedAt, finishedAt]),
 * and nothing called it after that row was committed (a later attempt running it again). Calls
 * before or during the committing run are attempts that never committed: a runner killed mid-call,
 * or one starved past its lease while the next attempt ran (both call, only one commits). Returns
 * what broke.
 */
export function nodesRunAfterCommit(counter: CountingServer, runs: readonly SavedRun[], nodeIds: readonly string[]): string[] {
  const broken: string[] = [];
  for (const run of runs) {
    for (const nodeId of nodeIds) {
      const row = run.nodes.find((n) => n.nodeId === nodeId);
      const hits = counter.hits.get(`${run.id}:${nodeId}`) ?? [];
      if (!row?.finishedAt) {
        broken.push(`${run.id}:${nodeId} has no finished row (${hits.length} calls)`);
        continue;
      }
      const [from, to] = [row.startedAt.getTime(), row.finishedAt.getTime()];
      const during = hits.filter((t) => t >= from && t <= to).length;
      const after = hits.filter((t) => t > to).length;
      if (during < 1 || after !== 0) broken.push(`${run.id}:${nodeId}: ${during} calls while committed, ${after} after (all: ${hits.length})`);
    }
  }
  return broken;
}

/** Sends `total` webhook calls, `concurrency` at a time, spread over `targets`; returns the answers (0: refused). */
export async function sendMany(targets: Instance[], path: string, total: number, concurrency: number) {
  const answers: { status: number; executionId: string | null }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        try {
          const response = await post(targets[i % targets.length]!, path, { n: i });
          answers.push({ status: response.status, executionId: response.headers.get("x-hookflow-execution-id") });
          await response.arrayBuffer();
        } catch {
          answers.push({ status: 0, executionId: null });
        }
      }
    }),
  );
  return answers;
}
