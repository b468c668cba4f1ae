// `npm run bench:history` (also the second part of `npm run bench`): the history API's
// query functions at volume. A throwaway embedded PostgreSQL is filled with
// HISTORY_BENCH_ROWS executions (default 1,000,000, the same generator as seed:volume);
// with DATABASE_URL set, that database is measured as it is (the user with most runs).
// Prints p50/p95 ms of listExecutions / executionStats calls, as the route makes them.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startDatabase } from "@/lib/dev/embedded-services";
import { applyMigrations } from "@/prisma/apply-migrations";
import { createVolumeWorkflows, insertVolume } from "../volume/insert-volume";

const ROWS = Number(process.env.HISTORY_BENCH_ROWS ?? 1_000_000);
const ITERATIONS = Number(process.env.HISTORY_BENCH_ITERATIONS ?? 200);
const DEEP_PAGE = 1000;
const log = (m: string) => console.error(`[bench:history] ${m}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < Math.min(20, ITERATIONS); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

type List = (params: Record<string, string>) => Promise<unknown>;

// Search cases on values picked from the data: a value of one run (selective), of one run in
// 10,000 (an account), of a third of the runs (currency), and none at all. Selective values
// rotate through runs across the whole history so the cache does not answer every call.
async function searchCases(client: pg.Client, userId: string, workflowId: string, list: List): Promise<[string, () => Promise<unknown>][]> {
  const sample = async (sql: string) => (await client.query<{ v: string }>(sql, [userId])).rows.map((r) => r.v);
  const spread = `FROM "Execution" e WHERE e."userId" = $1 AND e."id" IN (SELECT "id" FROM "Execution" TABLESAMPLE SYSTEM (1) LIMIT 50)`;
  const emails = await sample(`SELECT e."trigger"->'body'->'customer'->>'email' AS v ${spread}`);
  const outputs = await sample(`SELECT n."output"->'customer'->>'email' AS v ${spread.replace('FROM "Execution" e', 'FROM "Execution" e JOIN "NodeExecution" n ON n."executionId" = e."id" AND n."nodeId" = \'enrich\'')}`);
  const orders = await sample(`SELECT substring(e."error"->>'message' from 'V-[0-9]+$') AS v FROM "Execution" e WHERE e."userId" = $1 AND e."error"->>'message' LIKE 'Card declined%' ORDER BY random() LIMIT 50`);
  let i = 0;
  const next = (values: string[]) => values[i++ % values.length]!;
  if (!emails.length || !outputs.length || !orders.length) throw new Error("no sample values for the search cases");
  return [
    ["search: body field, one run (body.customer.email = …)", () => list({ q: `body.customer.email = "${next(emails)}"` })],
    ["search: node output, one run (node:enrich output.customer.email = …)", () => list({ q: `node:enrich output.customer.email = "${next(outputs)}"` })],
    ["search: error text, one run (error ~ \"declined for order V-…\")", () => list({ q: `error ~ "declined for order ${next(orders)}"` })],
    ["search: error text, 2% of runs (error ~ \"timed out\")", () => list({ q: `error ~ "timed out"` })],
    ["search: body field, a third of runs (body.currency = EUR)", () => list({ q: "body.currency = EUR" })],
    ["search: body field, 1% of runs (body.customer.account = acct-42)", () => list({ q: "body.customer.account = acct-42" })],
    ["search: header, a quarter of runs + status FAILED + workflow", () => list({ q: "header.x-event = order.refunded", status: "FAILED", workflowId })],
    ["search: 1% body field + status FAILED + workflow", () => list({ q: "body.customer.account = acct-42", status: "FAILED", workflowId })],
    ["search: no match, indexed (body.customer.email = nobody@…)", () => list({ q: `body.customer.email = "nobody@example.com"` })],
    ["search: no match, not indexable (body.note ~ \"express\"): row budget", () => list({ q: `body.note ~ "express"` })],
  ];
}

async function main(): Promise<void> {
  const configured = process.env.DATABASE_URL;
  const dataDir = configured ? undefined : mkdtempSync(path.join(os.tmpdir(), "hookflow-history-bench-"));
  const database = await startDatabase({ configured: { databaseUrl: configured }, persistent: true, log, dataDir });
  process.env.DATABASE_URL = database.url;
  const client = new pg.Client({ connectionString: database.url });
  let seedSeconds: number | null = null;
  try {
    await applyMigrations(database.url, { log });
    await client.connect();
    if (!configured) {
      const { createUser } = await import("@/lib/auth/users");
      const user = await createUser({ email: "history-bench@hookflow.dev", password: "bench-password" });
      const started = performance.now();
      const workflows = await createVolumeWorkflows(client, user.id, "bench");
      const { indexSeconds } = await insertVolume(client, { userId: user.id, workflows, count: ROWS, days: 7, log });
      seedSeconds = (performance.now() - started) / 1000;
      log(`seeded ${ROWS.toLocaleString("en")} executions in ${seedSeconds.toFixed(0)} s (search indexes built in ${indexSeconds.toFixed(0)} s)`);
    }
    // Index-only scans need the visibility map, as autovacuum keeps it on a live database.
    await client.query(`VACUUM (ANALYZE) "Execution"`);
    const top = await client.query<{ userId: string; workflowId: string; n: string }>(
      `SELECT "userId", "workflowId", count(*) AS n FROM "Execution" GROUP BY 1, 2 ORDER BY n DESC LIMIT 1`,
    );
    const { userId, workflowId } = top.rows[0]!;
    const total = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Execution" WHERE "userId" = $1`, [userId]);
    const idPrefix = (await client.query<{ id: string }>(`SELECT "id"::text AS id FROM "Execution" WHERE "userId" = $1 OFFSET 12345 LIMIT 1`, [userId])).rows[0]!.id.slice(0, 8);

    const { listExecutions, listExecutionsQuery } = await import("@/lib/executions/execution-queries");
    const { executionStats, executionStatsQuery } = await import("@/lib/executions/execution-stats");
    const list = (params: Record<string, string>) => listExecutions(userId, listExecutionsQuery.parse(params));

    let cursor: string | null = null;
    for (let page = 1; page < DEEP_PAGE; page++) {
      cursor = (await list(cursor ? { cursor } : {})).nextCursor;
      if (!cursor) throw new Error(`the history ends before page ${DEEP_PAGE}`);
    }
    const deepCursor = cursor!;
    const day = 86_400_000;
    const cases: [string, () => Promise<unknown>][] = [
      ["first page (50 newest)", () => list({})],
      ["filtered: status FAILED,PARTIAL + workflow", () => list({ status: "FAILED,PARTIAL", workflowId })],
      [`deep cursor: page ${DEEP_PAGE} (rows ${((DEEP_PAGE - 1) * 50).toLocaleString("en")}+)`, () => list({ cursor: deepCursor })],
      ["filtered: time range (a day, 3 days ago) + CRASHED", () => list({ from: new Date(Date.now() - 3 * day).toISOString(), to: new Date(Date.now() - 2 * day).toISOString(), status: "CRASHED" })],
      ["id prefix (8 hex)", () => list({ id: idPrefix })],
      ["stats: per minute, last 6 h", () => executionStats(userId, executionStatsQuery.parse({ hours: "6" }))],
      ...(await searchCases(client, userId, workflowId, list)),
    ];
    const rows: string[] = [];
    for (const [name, fn] of cases) {
      const r = await measure(fn);
      rows.push(`| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`);
      log(`${name} done`);
    }
    console.log(
      `\nHistory API query functions (Prisma + pg, as GET /api/executions runs them), ${Number(total.rows[0]!.n).toLocaleString("en")} executions for one user, ` +
        `${ITERATIONS} calls each after warm-up, ${os.cpus().length} cores${seedSeconds ? `; seeding took ${seedSeconds.toFixed(0)} s` : ""}\n`,
    );
    console.log("| query | p50 ms | p95 ms | max ms |");
    console.log("|---|---|---|---|");
    for (const row of rows) console.log(row);
    const sizes = await client.query<{ name: string; size: string }>(
      `SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size FROM pg_class c
       WHERE c.relkind = 'i' AND (c.relname LIKE '%search_idx' OR c.relname LIKE '%trgm_idx') ORDER BY c.relname`,
    );
    console.log(`\nSearch index sizes: ${sizes.rows.map((r) => `${r.name} ${r.size}`).join(", ")}`);
  } finally {
    await client.end().catch(() => {});
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await database.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
