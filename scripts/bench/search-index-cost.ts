// `npm run bench:search-cost`: what the search indexes cost a webhook. One process, one
// throwaway PostgreSQL (fsync on); the real webhook route handler is called in-process by
// BENCH_CONCURRENCY loops (default 10) with the ~1 KB body of `npm run bench`, in rounds
// that alternate without / with the search indexes (dropped and rebuilt between rounds), so
// machine drift hits both alike. Prints runs/s and latency per round and the paired ratios.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedServices } from "@/lib/dev/embedded-services";
import { applyMigrations } from "@/prisma/apply-migrations";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const log = (m: string) => console.error(`[bench:search-cost] ${m}`);

function body(i: number): string {
  const items = Array.from({ length: 8 }, (_, k) => ({ sku: `SKU-${1000 + k}`, name: `Item number ${k}`, qty: k + 1, price: 9.99 + k }));
  return JSON.stringify({ orderId: `B-${i}`, amount: 250, currency: "EUR", customer: { name: "Bench", email: `bench-${i}@example.com`, address: { street: "1 Main St", city: "Springfield", zip: "12345" } }, items, note: "x".repeat(200) });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hookflow-search-cost-"));
  const services = await startEmbeddedServices({ configured: {}, persistent: true, log, dataDir, pusherPort: 0 });
  Object.assign(process.env, services.env);
  const client = new pg.Client({ connectionString: services.env.DATABASE_URL });
  const { closeDb } = await import("@/lib/db");
  const rows: string[] = [];
  try {
    await applyMigrations(services.env.DATABASE_URL!, { log });
    await client.connect();
    const { createUser } = await import("@/lib/auth/users");
    const { createWorkflow } = await import("@/lib/workflows/save-workflow");
    const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
    const { orderReceivedWorkflow } = await import("@/lib/workflows/templates/order-received");
    const { setPublishTransport } = await import("@/lib/realtime/publisher");
    const webhookRoute = await import("@/app/api/webhooks/[...path]/route");
    setPublishTransport(async () => undefined);
    const user = await createUser({ email: "search-cost@hookflow.dev", password: "bench-password" });
    await createWorkflow(user.id, parseWorkflowInput({ ...orderReceivedWorkflow("bench/search-cost"), active: true }).input);

    const definitions = (
      await client.query<{ definition: string }>(
        `SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND (indexname LIKE '%\\_search\\_idx' OR indexname LIKE '%\\_trgm\\_idx')`,
      )
    ).rows.map((r) => r.definition);
    const setIndexes = async (on: boolean) => {
      for (const definition of definitions) {
        const name = definition.match(/INDEX (\S+)/)![1]!;
        await client.query(`DROP INDEX IF EXISTS ${name}`);
        if (on) await client.query(definition);
      }
      await client.query("CHECKPOINT");
    };

    let n = 0;
    const post = async () => {
      const i = n++;
      const request = new Request("http://localhost:3000/api/webhooks/bench/search-cost", { method: "POST", headers: { "content-type": "application/json" }, body: body(i) });
      const response = await webhookRoute.POST(request, { params: Promise.resolve({ path: ["bench", "search-cost"] }) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    };
    const round = async (seconds: number) => {
      const latencies: number[] = [];
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < end) {
            const t = performance.now();
            await post();
            latencies.push(performance.now() - t);
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
    };

    await setIndexes(false);
    await round(2); // warm-up: JIT, pool, cached version
    const ratios: number[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const pair: Record<string, Awaited<ReturnType<typeof round>>> = {};
      for (const on of r % 2 ? [false, true] : [true, false]) {
        await setIndexes(on);
        const result = await round(SECONDS);
        pair[on ? "with" : "without"] = result;
        rows.push(`| ${r} | ${on ? "with search indexes" : "without"} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} |`);
        log(`round ${r} ${on ? "with" : "without"}: ${result.rps.toFixed(0)} runs/s`);
      }
      ratios.push(pair.with!.rps / pair.without!.rps);
    }
    const executions = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Execution"`)).rows[0]!.n;
    console.log(`\nWebhook route in-process, webhook → set → if → respond, c = ${CONCURRENCY}, ${SECONDS} s rounds, ~${body(0).length} B body, ${os.cpus().length} cores; ${executions} executions at the end\n`);
    console.log("| round | indexes | runs/s | p50 ms | p99 ms |");
    console.log("|---|---|---|---|---|");
    for (const row of rows) console.log(row);
    console.log(`\nruns/s with / without, per round: ${ratios.map((x) => x.toFixed(3)).join(", ")}`);
  } finally {
    await client.end().catch(() => {});
    await closeDb();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
