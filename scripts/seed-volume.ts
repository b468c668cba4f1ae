// `npm run seed:volume -- [count] [--days D] [--email E]`: a large execution history for one
// user (default: the demo account, created if missing) across eight new workflows, every
// status, spread over the last D days (default 7, inside the default 14-day retention), 3–5 node rows per run.
// Uses DATABASE_URL, or the embedded dev database in .hookflow/ when it is unset.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { startDatabase } from "@/lib/dev/embedded-services";
import { applyMigrations } from "@/prisma/apply-migrations";
import { createVolumeWorkflows, insertVolume } from "./volume/insert-volume";

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { days: { type: "string", default: "7" }, email: { type: "string" } },
  });
  const count = Number(positionals[0] ?? 1_000_000);
  const days = Number(values.days);
  if (!Number.isInteger(count) || count < 1) throw new Error("usage: seed:volume -- <count> [--days D] [--email E]");
  if (!(days > 0)) throw new Error("--days must be a positive number");
  const log = (m: string) => console.error(`[seed:volume] ${m}`);

  const database = await startDatabase({ configured: { databaseUrl: process.env.DATABASE_URL }, persistent: true, log });
  process.env.DATABASE_URL = database.url;
  const client = new pg.Client({ connectionString: database.url });
  try {
    await applyMigrations(database.url, { log });
    const { seedDemo } = await import("@/prisma/seed");
    const { findUserByEmail } = await import("@/lib/auth/users");
    const user = values.email ? await findUserByEmail(values.email) : { id: (await seedDemo()).userId, email: "demo@hookflow.dev" };
    if (!user) throw new Error(`No user with email ${values.email}`);
    await client.connect();
    const started = performance.now();
    const workflows = await createVolumeWorkflows(client, user.id, randomBytes(3).toString("hex"));
    const { nodes } = await insertVolume(client, { userId: user.id, workflows, count, days, log });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(JSON.stringify({ user: user.email, executions: count, nodeExecutions: nodes, workflows: workflows.length, days, seconds: Number(seconds) }));
  } finally {
    await client.end().catch(() => {});
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
