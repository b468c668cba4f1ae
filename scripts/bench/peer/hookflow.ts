// Starts the Hookflow side (hookflow-launcher.ts in its own process), creates the benchmark
// workflows through the app's own functions and counts what was saved.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { hookflowWorkflow, SHAPES, type Shape } from "./workflows";

export type HookflowInstance = {
  launcherPid: number;
  serverPid: number;
  url: (shape: Shape) => string;
  floorUrl: string;
  /** Executions of the shape's workflow: saved as SUCCEEDED, and any left RUNNING (all workflows). */
  count: (shape: Shape) => Promise<{ succeeded: number; running: number }>;
  stop: () => Promise<void>;
};

export async function startHookflow(port: number, serverFlags: string[]): Promise<HookflowInstance> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hookflow-peer-"));
  const launcher: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/bench/peer/hookflow-launcher.ts"), dataDir, String(port), ...serverFlags], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: launcher.stdout! }).once("line", resolve);
    launcher.once("exit", (code) => reject(new Error(`hookflow launcher exited (${code})`)));
  });
  const { env, serverPid } = JSON.parse(first) as { env: Record<string, string>; serverPid: number };
  Object.assign(process.env, env);

  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const { closeDb } = await import("@/lib/db");
  const user = await createUser({ email: "peer-bench@hookflow.dev", password: "peer-bench-password" });
  const workflowIds = {} as Record<Shape, string>;
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    const { input } = parseWorkflowInput(hookflowWorkflow(shape, `peer/${shape}`));
    workflowIds[shape] = (await createWorkflow(user.id, input)).id;
  }
  await closeDb();

  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error("hookflow server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    launcherPid: launcher.pid!,
    serverPid,
    url: (shape) => `${base}/api/webhooks/peer/${shape}`,
    floorUrl: `${base}/api/health`,
    count: async (shape) => {
      const { rows } = await client.query<{ succeeded: string; running: string }>(
        `select count(*) filter (where "workflowId" = $1 and status = 'SUCCEEDED') as succeeded,
                count(*) filter (where status = 'RUNNING') as running from "Execution"`,
        [workflowIds[shape]],
      );
      return { succeeded: Number(rows[0]!.succeeded), running: Number(rows[0]!.running) };
    },
    stop: async () => {
      await client.end();
      // The server first (it flushes a --cpu-prof profile on exit); the launcher then stops
      // PostgreSQL and the realtime server and exits.
      const exited = new Promise((r) => launcher.once("exit", r));
      process.kill(serverPid, "SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
