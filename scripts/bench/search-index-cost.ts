// `npm run bench:search-cost`: what the search indexes cost a webhook. One process, one
// throwaway PostgreSQL (fsync on); the real webhook route handler is called in-process by
// BENCH_CONCURRENCY loops (default 10) with the ~1 KB body of `npm run bench`, in rounds
// that alternate without / with the search indexes (dropped and rebuilt between rounds), so
// machine drift hits both alike. Prints runs/s, latency, WAL bytes and PostgreSQL CPU per run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
    // A variant is the set of search indexes present: none, all, or those whose name has a
    // BENCH_VARIANTS entry (e.g. "trigger,output,trgm" measures each on its own too).
    const variants: { label: string; definitions: string[] }[] = [
      { label: "without", definitions: [] },
      ...(process.env.BENCH_VARIANTS ?? "").split(",").filter(Boolean).map((part) => ({ label: `only *${part}*`, definitions: definitions.filter((d) => d.includes(part)) })),
      { label: "with search indexes", definitions },
    ];
    const setIndexes = async (wanted: string[]) => {
      for (const definition of definitions) await client.query(`DROP INDEX IF EXISTS ${definition.match(/INDEX (\S+)/)![1]!}`);
      for (const definition of wanted) await client.query(definition);
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
    // Work that contention does not change: WAL bytes and PostgreSQL CPU time per run
    // (every server process of this database, from /proc; clock ticks of 10 ms).
    const pgCpuMs = async () => {
      const pids = (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity`)).rows.map((r) => r.pid);
      const ticks = new Map<number, number>();
      for (const pid of pids) {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
          ticks.set(pid, Number(fields[11]) + Number(fields[12]));
        } catch {
          // the process ended between the query and the read
        }
      }
      return ticks;
    };
    const walLsn = async () => (await client.query<{ lsn: string }>(`SELECT pg_current_wal_lsn() AS lsn`)).rows[0]!.lsn;
    const round = async (seconds: number) => {
      const cpuBefore = await pgCpuMs();
      const walBefore = await walLsn();
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
      const runs = latencies.length;
      const walBytes = Number((await client.query<{ b: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS b`, [walBefore])).rows[0]!.b);
      let ticks = 0;
      for (const [pid, after] of await pgCpuMs()) ticks += after - (cpuBefore.get(pid) ?? 0);
      return { rps: runs / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), walPerRun: walBytes / runs, pgCpuMsPerRun: (ticks * 10) / runs };
    };

    await setIndexes([]);
    await round(2); // warm-up: JIT, pool, cached version
    const results = new Map<string, { rps: number; wal: number; cpu: number }[]>(variants.map((v) => [v.label, []]));
    for (let r = 1; r <= ROUNDS; r++) {
      // Alternate the order so drift and table growth fall on every variant alike.
      for (const variant of r % 2 ? variants : [...variants].reverse()) {
        await setIndexes(variant.definitions);
        const result = await round(SECONDS);
        results.get(variant.label)!.push({ rps: result.rps, wal: result.walPerRun, cpu: result.pgCpuMsPerRun });
        rows.push(`| ${r} | ${variant.label} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${(result.walPerRun / 1024).toFixed(1)} | ${result.pgCpuMsPerRun.toFixed(2)} |`);
        log(`round ${r} ${variant.label}: ${result.rps.toFixed(0)} runs/s`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const summary = (label: string, pick: (x: { rps: number; wal: number; cpu: number }) => number) => median(results.get(label)!.map(pick));
    const executions = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Execution"`)).rows[0]!.n;
    console.log(`\nWebhook route in-process, webhook → set → if → respond, c = ${CONCURRENCY}, ${SECONDS} s rounds, ~${body(0).length} B body, ${os.cpus().length} cores; ${executions} executions at the end\n`);
    console.log("| round | indexes | runs/s | p50 ms | p99 ms | WAL KiB / run | PostgreSQL CPU ms / run |");
    console.log("|---|---|---|---|---|---|---|");
    for (const row of rows) console.log(row);
    console.log("\nMedians relative to without (runs/s, WAL per run, PostgreSQL CPU per run):");
    for (const v of variants) {
      const ratio = (pick: (x: { rps: number; wal: number; cpu: number }) => number) => (summary(v.label, pick) / summary("without", pick)).toFixed(2);
      console.log(`- ${v.label}: ${ratio((x) => x.rps)} × runs/s, ${ratio((x) => x.wal)} × WAL, ${ratio((x) => x.cpu)} × CPU`);
    }
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
