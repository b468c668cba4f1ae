// A real deployment in miniature for fault tests and the soak run: one embedded
// PostgreSQL (restartable on its data directory), one embedded Pusher-protocol server
// (restartable on its port) and any number of `next start` instances of the production
// build, each killable. Everything listens on 127.0.0.1 only.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { startEmbeddedPusherServer, type EmbeddedPusherServer } from "@/lib/realtime/embedded-server";
import { applyMigrations } from "@/prisma/apply-migrations";
import { serverNodeArgs } from "../server-node-args";

export type Instance = { port: number; url: string; process: ChildProcess; exited: Promise<number | null> };

export type Worker = { process: ChildProcess; exited: Promise<number | null> };

export type ClusterOptions = { leaseSeconds?: number; shutdownGraceMs?: number; sweepMs?: number; env?: Record<string, string>; log?: (m: string) => void };

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const TSX_BIN = path.resolve("node_modules/tsx/dist/cli.mjs");

async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready`);
}

export async function startCluster(options: ClusterOptions = {}) {
  const log = options.log ?? (() => {});
  const root = mkdtempSync(path.join(os.tmpdir(), "hookflow-fault-"));
  chmodSync(root, 0o755); // the postgres user must be able to enter it
  const dataDir = path.join(root, "pg");
  // persistent: fsync on, and the same directory can be stopped and started again.
  let pg = await startEmbeddedPostgres({ dataDir, persistent: true, log });
  const pgPort = pg.port;
  await applyMigrations(pg.url, { log });

  const credentials = { appId: "fault", key: `k${randomBytes(6).toString("hex")}`, secret: randomBytes(16).toString("hex") };
  let pusher: EmbeddedPusherServer | undefined = await startEmbeddedPusherServer({ ...credentials, port: 0, log });
  const pusherPort = pusher.port;
  const cronSecret = randomBytes(16).toString("hex");

  const env = {
    DATABASE_URL: pg.url,
    DATABASE_POOL_SIZE: "10",
    PUSHER_APP_ID: credentials.appId,
    PUSHER_KEY: credentials.key,
    PUSHER_SECRET: credentials.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(pusherPort),
    PUSHER_USE_TLS: "false",
    CRON_SECRET: cronSecret,
    HOOKFLOW_LEASE_SECONDS: String(options.leaseSeconds ?? 2),
    HOOKFLOW_SHUTDOWN_GRACE_MS: String(options.shutdownGraceMs ?? 10_000),
    HOOKFLOW_SWEEP_MS: String(options.sweepMs ?? 500),
    ...options.env,
  };
  const instances: Instance[] = [];
  const workers: Worker[] = [];

  /** A `next start` instance; `worker: false` makes it ingestion-only (HOOKFLOW_WORKER=off). */
  async function startInstance(port: number, opts: { worker?: boolean } = {}): Promise<Instance> {
    const child = spawn(process.execPath, [...serverNodeArgs(), NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true", HOOKFLOW_WORKER: opts.worker === false ? "off" : "auto" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => log(`[next:${port}] ${chunk.toString().trim().slice(0, 500)}`));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const instance = { port, url: `http://127.0.0.1:${port}`, process: child, exited };
    instances.push(instance);
    await waitReady(instance.url);
    return instance;
  }

  /** An `npm run worker` process. */
  async function startWorker(): Promise<Worker> {
    const child = spawn(process.execPath, [TSX_BIN, "scripts/worker.ts"], {
      env: { ...process.env, ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("worker started")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
    child.stderr?.on("data", (chunk: Buffer) => log(`[worker] ${chunk.toString().trim().slice(0, 500)}`));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const worker = { process: child, exited };
    workers.push(worker);
    await ready;
    return worker;
  }

  return {
    env,
    cronSecret,
    startInstance,
    startWorker,
    async kill(instance: Instance, signal: NodeJS.Signals = "SIGKILL"): Promise<number | null> {
      instance.process.kill(signal);
      return instance.exited;
    },
    async stopDatabase(): Promise<void> {
      await pg.stop();
    },
    async startDatabase(): Promise<void> {
      pg = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true, log });
    },
    async stopRealtime(): Promise<void> {
      await pusher?.close();
      pusher = undefined;
    },
    async startRealtime(): Promise<void> {
      pusher = await startEmbeddedPusherServer({ ...credentials, port: pusherPort, log });
    },
    async stop(): Promise<void> {
      for (const p of [...instances, ...workers]) if (p.process.exitCode === null) p.process.kill("SIGKILL");
      await Promise.all([...instances, ...workers].map((i) => i.exited));
      await pusher?.close();
      await pg.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>;
