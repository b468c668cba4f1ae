// `npm run dev` / `npm run start:embedded`: fills in what the environment does not
// provide (embedded PostgreSQL, embedded Pusher-protocol server), migrates, seeds the demo
// user (dev only; see below), then runs Next. With DATABASE_URL and PUSHER_* set, nothing embedded starts.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import path from "node:path";
import os from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { startEmbeddedServices } from "@/lib/dev/embedded-services";
import { serverNodeArgs } from "./server-node-args";
import { demoAccountPlan } from "./demo-account";

const args = process.argv.slice(2);
const mode = args[0] === "start" ? "start" : "dev";
const ephemeral = args.includes("--ephemeral");
// The well-known demo password only under `npm run dev` (scripts/demo-account.ts).
const demo = demoAccountPlan(mode, args);
// End-to-end tests only (with --ephemeral): a loopback control port that stops and starts
// the embedded realtime server, so a spec can prove the browser catches up after a reconnect.
const controlIndex = args.indexOf("--control-port");
const controlPort = controlIndex >= 0 ? Number(args[controlIndex + 1]) : 0;
const port = process.env.PORT ?? "3000";
const log = (message: string) => console.log(`[hookflow] ${message}`);

async function main(): Promise<void> {
  const tempDir = ephemeral ? mkdtempSync(path.join(os.tmpdir(), "hookflow-pg-")) : undefined;
  if (tempDir) process.on("exit", () => rmSync(tempDir, { recursive: true, force: true }));
  // The launcher owns SIGINT/SIGTERM (below): PostgreSQL must outlive the server's drain.
  const services = await startEmbeddedServices({
    configured: { databaseUrl: process.env.DATABASE_URL, pusherAppId: process.env.PUSHER_APP_ID },
    persistent: !ephemeral, log, dataDir: tempDir ?? dataDirFlag(), stopOnSignal: false });
  Object.assign(process.env, services.env);

  if (demo.seed) {
    const { seedDemo } = await import("@/prisma/seed");
    const seeded = await seedDemo({ password: demo.password });
    const url = `http://localhost:${port}`;
    log(`demo user: ${seeded.email} / ${seeded.password}  (sign in at ${url}/sign-in)${demo.password ? " — a random password, shown only now" : ""}`);
    log(`try it:  curl -s -X POST ${url}/api/webhooks/${seeded.webhookPath} -H 'content-type: application/json' -d '{"orderId":"A-1001","amount":250,"customer":{"name":"Ada"}}'`);
  }
  for (const piece of services.embedded) log(`embedded: ${piece}`);
  if (ephemeral && controlPort && services.realtime) startControl(controlPort, services.realtime);

  // The worker (resumes runs whose runner died and durable waits) lives in this process, so
  // the two README commands need nothing else; the Next server only accepts and runs webhooks.
  const { startWorker } = await import("@/lib/worker/start-worker");
  const worker = await startWorker();
  log("worker: resumes crashed runs and durable waits");

  const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...(mode === "start" ? serverNodeArgs() : []), nextBin, mode, "--port", port], {
    stdio: "inherit",
    // Production: our shutdown handler, not Next's, owns SIGTERM (lib/executions/shutdown-handlers.ts).
    env: { ...process.env, ...services.env, NEXT_TELEMETRY_DISABLED: "1", HOOKFLOW_WORKER: "off", ...(mode === "start" ? { NEXT_MANUAL_SIG_HANDLE: "true" } : {}) },
  });
  const serverExited = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1))));

  // First signal: the server drains (503 to new webhooks, grace for running ones, hand-over of
  // the rest), this process's worker drains its resumed runs alike, and only when both are done
  // do the realtime server and PostgreSQL stop. A second signal stops everything at once.
  let signals = 0;
  let workerDrained: Promise<void> = Promise.resolve();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      signals++;
      if (signals === 1) {
        log(`${signal}: draining the server and the worker; PostgreSQL stops after them (${signal} again stops at once)`);
        child.kill(signal);
        workerDrained = drainWorker(worker, signal);
        return;
      }
      log(`${signal} again: stopping now`);
      child.kill("SIGKILL");
      void stopServices(services, 130);
    });
  }
  const code = await serverExited;
  await workerDrained;
  await stopServices(services, code);
}

async function drainWorker(worker: { stop(): Promise<void> }, signal: string): Promise<void> {
  const [{ startDraining, finishDrain }, { engineEnv }] = await Promise.all([import("@/lib/executions/graceful-shutdown"), import("@/lib/env")]);
  startDraining(signal);
  await worker.stop().catch((error: unknown) => log(`worker did not stop cleanly: ${String(error)}`));
  await finishDrain(engineEnv().HOOKFLOW_SHUTDOWN_GRACE_MS);
}

let stopped: Promise<never> | undefined;
function stopServices(services: { stop(): Promise<void> }, code: number): Promise<never> {
  stopped ??= (async () => {
    const { closeDb } = await import("@/lib/db");
    await closeDb().catch(() => undefined);
    await services.stop().catch((error: unknown) => log(`embedded services did not stop cleanly: ${String(error)}`));
    log(`stopped (exit code ${code})`);
    process.exit(code);
  })();
  return stopped;
}

/** `--data-dir <dir>`: keep the embedded PostgreSQL in `<dir>/pgdata` instead of `.hookflow/pgdata`. */
function dataDirFlag(): string | undefined {
  const index = args.indexOf("--data-dir");
  return index >= 0 ? path.resolve(args[index + 1] ?? ".", "pgdata") : undefined;
}

function startControl(port: number, realtime: NonNullable<Awaited<ReturnType<typeof startEmbeddedServices>>["realtime"]>): void {
  createServer((req, res) => {
    const action = req.method === "POST" && req.url === "/realtime/stop" ? realtime.stop : req.method === "POST" && req.url === "/realtime/start" ? realtime.start : null;
    if (!action) return void res.writeHead(404).end();
    action().then(
      () => res.writeHead(204).end(),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  }).listen(port, "127.0.0.1");
  log(`test control on http://127.0.0.1:${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
