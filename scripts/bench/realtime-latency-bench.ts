// `npm run bench:realtime`: how fast the live view follows the database. Production build on
// the embedded defaults (PostgreSQL with fsync on, embedded Pusher-protocol server), a
// webhook → set → if → respond workflow, and:
//  1. a pusher-js client subscribed to the owner's channel while autocannon-like senders post
//     at c = 10: time from the webhook's answer to the client receiving that run's
//     executionCompleted (negative: the event arrived before the answer did);
//  2. Chromium on the open history page: time from the answer to the run's row in the DOM.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startEmbeddedServices } from "@/lib/dev/embedded-services";
import { connectNodeClient } from "../node-realtime-client";
import { serverNodeArgs } from "../server-node-args";
import { buildUnlessSkipped, waitReady } from "./bench-support";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 40);
const PORT = Number(process.env.BENCH_PORT ?? 3150);
const BASE = `http://127.0.0.1:${PORT}`;
const log = (m: string) => console.error(`[bench:realtime] ${m}`);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const fmt = (n: number) => n.toFixed(1);

const post = (n: number) =>
  fetch(`${BASE}/api/webhooks/bench/realtime`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId: `R-${n}`, amount: n % 300, customer: { name: "r" } }) });

async function main(): Promise<void> {
  buildUnlessSkipped(log);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hookflow-bench-rt-"));
  const services = await startEmbeddedServices({ configured: {}, persistent: true, log, dataDir, pusherPort: 0 });
  Object.assign(process.env, services.env);
  const { closeDb } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const { orderReceivedWorkflow } = await import("@/lib/workflows/templates/order-received");
  const password = "bench-password";
  const user = await createUser({ email: "bench-rt@hookflow.dev", password });
  await createWorkflow(user.id, parseWorkflowInput({ ...orderReceivedWorkflow("bench/realtime"), active: true }).input);

  const server = spawn(process.execPath, [...serverNodeArgs(), path.resolve("node_modules/next/dist/bin/next"), "start", "--port", String(PORT)], {
    env: { ...process.env, ...services.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const env = services.env;
  const results: string[] = [];
  try {
    await waitReady(`${BASE}/sign-in`);

    // 1. pusher-js client, c = 10.
    const received = new Map<string, number>();
    const { client, channel } = connectNodeClient({ PUSHER_KEY: env.PUSHER_KEY!, PUSHER_SECRET: env.PUSHER_SECRET!, PUSHER_PORT: env.PUSHER_PORT! }, user.id);
    await new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
    channel.bind("executionCompleted", (data: { executionId: string }) => received.set(data.executionId, performance.now()));
    for (let i = 0; i < 100; i++) await (await post(i)).arrayBuffer(); // warm-up
    const answered = new Map<string, number>();
    const deadline = Date.now() + DURATION_S * 1000;
    let n = 1000;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (Date.now() < deadline) {
          const response = await post(n++);
          await response.arrayBuffer();
          answered.set(response.headers.get("x-hookflow-execution-id")!, performance.now());
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const deltas = [...answered].filter(([id]) => received.has(id)).map(([id, at]) => received.get(id)! - at);
    const missing = answered.size - deltas.length;
    results.push(`| answer → executionCompleted at a pusher-js client, c = 10 | ${deltas.length} runs | ${fmt(percentile(deltas, 50))} | ${fmt(percentile(deltas, 99))} | ${missing} missing |`);
    client.disconnect();

    // 2. The open history page in Chromium.
    const executablePath = existsSync("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium" : undefined;
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
    const page = await browser.newPage();
    const signIn = await page.request.post(`${BASE}/api/auth/sign-in`, { data: { email: "bench-rt@hookflow.dev", password } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    await page.goto(`${BASE}/executions`);
    await page.getByRole("status", { name: "Realtime: Live" }).waitFor();
    // Rows are stamped (epoch ms) the moment they enter the DOM.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll("tr[data-execution-id]")) {
          const id = row.getAttribute("data-execution-id")!;
          seen[id] ??= Date.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const pageDeltas: number[] = [];
    for (let i = 0; i < PAGE_RUNS; i++) {
      const response = await post(5000 + i);
      await response.arrayBuffer();
      const at = Date.now();
      const id = response.headers.get("x-hookflow-execution-id")!;
      const handle = await page.waitForFunction((x) => (window as unknown as { __seen: Record<string, number> }).__seen[x], id, { timeout: 10_000 });
      pageDeltas.push(((await handle.jsonValue()) as number) - at);
      await new Promise((r) => setTimeout(r, 150));
    }
    results.push(`| answer → row in the open history page (Chromium), one at a time | ${pageDeltas.length} runs | ${fmt(percentile(pageDeltas, 50))} | ${fmt(percentile(pageDeltas, 99))} | |`);
    await browser.close();
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await closeDb();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nRealtime latency, production build on the embedded defaults, ${os.cpus().length} cores shared by everything\n`);
  console.log("| measured | sample | p50 ms | p99 ms | |");
  console.log("|---|---|---|---|---|");
  for (const row of results) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
