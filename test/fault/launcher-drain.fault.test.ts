// `npm run start:embedded` on SIGTERM: the launcher drains Next (503 to new webhooks, grace for
// running ones) and stops the embedded PostgreSQL only after Next has exited, so a run in flight
// at the signal finishes and is saved. Needs the production build (`npm run build`).
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { startGate, type Gate } from "../gate";
import { until } from "./fault-helpers";

const PORT = 3900 + Number(process.env.FAULT_PORT_OFFSET ?? 0);
const BASE = `http://127.0.0.1:${PORT}`;
const dataRoot = mkdtempSync(path.join(os.tmpdir(), "hookflow-launcher-"));
chmodSync(dataRoot, 0o755);
let launcher: ChildProcess | undefined;
let gate: Gate | undefined;

afterAll(async () => {
  await gate?.close();
  // The whole process group: a launcher that died early (the bug this test is for) leaves its
  // Next server holding the port otherwise.
  if (launcher?.pid) {
    try {
      process.kill(-launcher.pid, "SIGKILL");
    } catch {
      // the group is gone already
    }
  }
  rmSync(dataRoot, { recursive: true, force: true });
});

it("SIGTERM to start:embedded: a run in flight finishes and is saved before PostgreSQL stops; new webhooks get 503 + Retry-After", { timeout: 360_000 }, async () => {
  gate = await startGate();
  // The in-flight run is held at a loopback gate (hence private network targets) until the test
  // has seen the drain's 503: a state, not a 4 s window a loaded machine may outlast.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), HOOKFLOW_SHUTDOWN_GRACE_MS: "120000", HOOKFLOW_ALLOW_PRIVATE_NETWORK: "true", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of Object.keys(env)) if (name === "DATABASE_URL" || name.startsWith("PUSHER_")) delete env[name];
  launcher = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/serve.ts", "start", "--no-seed", "--data-dir", dataRoot], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  launcher.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => launcher!.once("exit", (code) => resolve(code)));

  const pgPort = Number((await until(async () => /PostgreSQL listening on 127\.0\.0\.1:(\d+)/.exec(output), "the embedded PostgreSQL", 60_000))[1]);
  await until(async () => (await fetch(`${BASE}/api/health`)).ok, "the server to answer", 90_000);

  // The test's own connection writes the fixtures through the app's functions.
  process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/hookflow`;
  const { closeDb } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const userId = (await createUser({ email: "drain@hookflow.test", password: "drain-password" })).id;
  const workflow = async (name: string, nodes: object[]) => {
    const all = [{ id: "webhook", type: "webhook", parameters: { path: name, responseMode: "lastNode" } }, ...nodes] as { id: string }[];
    const connections = all.slice(1).map((n, i) => ({ from: all[i]!.id, to: n.id }));
    await createWorkflow(userId, parseWorkflowInput({ name, active: true, nodes: all, connections }).input);
  };
  await workflow("drain-slow", [{ id: "pause", type: "httpRequest", parameters: { method: "POST", url: gate.url } }, { id: "done", type: "set", parameters: { fields: { finished: true } } }]);
  await workflow("drain-fast", [{ id: "done", type: "set", parameters: { fields: { fast: true } } }]);
  await closeDb();
  const post = (name: string) => fetch(`${BASE}/api/webhooks/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });

  const inFlight = post("drain-slow");
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const runId = await until(async () => (await db.query<{ id: string }>(`SELECT id FROM "Execution" WHERE status = 'RUNNING'`)).rows[0]?.id, "the slow run to start");
  await db.end();
  await gate.reached;

  launcher.kill("SIGTERM");
  // While Next drains, every new webhook is told to come back later.
  const refused = await until(async () => {
    const response = await post("drain-fast");
    return response.status === 503 ? response : null;
  }, "a 503 while draining");
  expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  gate.open();

  const answer = await inFlight;
  expect(answer.status).toBe(200);
  expect(answer.headers.get("x-hookflow-execution-id")).toBe(runId);
  expect(await answer.json()).toMatchObject({ finished: true });

  const started = Date.now();
  const code = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 60_000))]);
  console.log(`[launcher-drain] launcher exited ${code} ${Date.now() - started} ms after the run's answer`);
  expect(code).toBe(143);
  expect(output).not.toMatch(/could not hand over runs|ECONNREFUSED/);

  // PostgreSQL stopped cleanly after the drain: start it again on the same data and read the run.
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "pgdata"), persistent: true });
  try {
    const check = new pg.Client({ connectionString: server.url });
    await check.connect();
    const run = (await check.query<{ status: string; finishedAt: Date | null }>(`SELECT status, "finishedAt" FROM "Execution" WHERE id = $1`, [runId])).rows[0];
    const nodes = (await check.query<{ nodeId: string; status: string }>(`SELECT "nodeId", status FROM "NodeExecution" WHERE "executionId" = $1 ORDER BY "nodeId"`, [runId])).rows;
    await check.end();
    expect(run).toMatchObject({ status: "SUCCEEDED" });
    expect(run?.finishedAt).not.toBeNull();
    expect(nodes).toEqual([
      { nodeId: "done", status: "SUCCEEDED" },
      { nodeId: "pause", status: "SUCCEEDED" },
      { nodeId: "webhook", status: "SUCCEEDED" },
    ]);
  } finally {
    await server.stop();
  }
});
