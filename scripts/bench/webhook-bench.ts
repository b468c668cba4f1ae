// `npm run bench`: production build on the embedded defaults; a webhook → set → if →
// respond (lastNode) workflow under autocannon at c = 1, 10, 50 with a ~1 KB JSON body.
// Prints rps, p50/p99 latency, saved executions vs 2xx responses and server peak RSS; exits 1
// when a 2xx was not saved, a run is left RUNNING or an undocumented 5xx was answered.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startEmbeddedServices } from "@/lib/dev/embedded-services";
import { processTreeRss } from "./process-tree-rss";
import { serverNodeArgs } from "../server-node-args";
import { buildUnlessSkipped, waitReady } from "./bench-support";
import { autocannonStatuses, exitWithVerdict, settled, undocumented5xx } from "./run-verdict";

const LEVELS = [1, 10, 50];
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3100);
const log = (m: string) => console.error(`[bench] ${m}`);

function body(): string {
  const items = Array.from({ length: 8 }, (_, i) => ({ sku: `SKU-${1000 + i}`, name: `Item number ${i}`, qty: i + 1, price: 9.99 + i }));
  return JSON.stringify({ orderId: "B-1", amount: 250, currency: "EUR", customer: { name: "Bench", email: "bench@example.com", address: { street: "1 Main St", city: "Springfield", zip: "12345" } }, items, note: "x".repeat(200) });
}

async function main(): Promise<void> {
  buildUnlessSkipped(log);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hookflow-bench-"));
  // persistent: fsync on, as a real database; a throwaway directory all the same.
  const services = await startEmbeddedServices({ configured: {}, persistent: true, log, dataDir, pusherPort: 0 });
  Object.assign(process.env, services.env);
  const { db, closeDb } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const { orderReceivedWorkflow } = await import("@/lib/workflows/templates/order-received");
  const user = await createUser({ email: "bench@hookflow.dev", password: "bench-password" });
  for (const c of LEVELS) {
    const { input } = parseWorkflowInput({ ...orderReceivedWorkflow(`bench/c${c}`), name: `bench c=${c}`, active: true });
    await createWorkflow(user.id, input);
  }

  // The same flags as `npm start`; BENCH_SERVER_NODE_ARGS replaces them (e.g. "--cpu-prof").
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS !== undefined ? process.env.BENCH_SERVER_NODE_ARGS.split(" ").filter(Boolean) : serverNodeArgs();
  const server = spawn(process.execPath, [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), "start", "--port", String(PORT)], {
    env: { ...process.env, ...services.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "20" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, processTreeRss(server.pid!))), 100);
  const rows: string[] = [];
  const problems: string[] = [];
  try {
    await waitReady(`http://127.0.0.1:${PORT}/sign-in`);
    const payload = body();
    for (const c of LEVELS) {
      const url = `http://127.0.0.1:${PORT}/api/webhooks/bench/c${c}`;
      // Warm-up: JIT, connection pool, cached workflow version.
      await autocannon({ url, method: "POST", connections: c, amount: 200, headers: { "content-type": "application/json" }, body: payload });
      const warm = await db().execution.count({ where: { workflow: { name: `bench c=${c}` } } });
      const result = await autocannon({ url, method: "POST", connections: c, duration: DURATION_S, headers: { "content-type": "application/json" }, body: payload });
      const running = await settled(() => db().execution.count({ where: { status: "RUNNING" } }), 30_000);
      // At least: requests cut off when the duration ended may have been saved without a counted answer.
      const saved = (await db().execution.count({ where: { workflow: { name: `bench c=${c}` }, status: "SUCCEEDED" } })) - warm;
      if (saved < result["2xx"]) problems.push(`c=${c}: ${result["2xx"] - saved} of ${result["2xx"]} 2xx answers have no SUCCEEDED execution`);
      if (running > 0) problems.push(`c=${c}: ${running} runs left RUNNING 30 s after the load`);
      problems.push(...undocumented5xx(autocannonStatuses(result)).map((s) => `c=${c}: undocumented 5xx ${s}`));
      rows.push(
        `| ${c} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${saved} / ${result["2xx"]} | ${result.non2xx + result.errors} | ${running} |`,
      );
      log(`c=${c} done`);
    }
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await closeDb();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nWebhook → set → if → respond (lastNode), ${DURATION_S} s per level, ~${body().length} B JSON body, ${os.cpus().length} cores shared by server, PostgreSQL and load generator\n`);
  console.log("| connections | req/s | p50 ms | p99 ms | saved executions / 2xx | non-2xx + errors | left RUNNING |");
  console.log("|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(`\nserver peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  exitWithVerdict("bench", problems);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
