import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// `npm run db:deploy`: the offline-capable `prisma migrate deploy`. It applies the committed
// prisma/migrations/*/migration.sql files in name order and books them in `_prisma_migrations`
// exactly as Prisma does, so `prisma migrate deploy|status|dev` later see them as applied.
// On a connected machine (Vercel) the standard `prisma migrate deploy` works on the same database.

// Relative to the project root, like the Prisma CLI (npm scripts and vitest run there). Not __dirname:
// tsx reports a data: URL for it when this file is imported from an ES module.
const MIGRATIONS_DIR = path.resolve("prisma", "migrations");

// Prisma's lock key: a deploy from the standard CLI and one from here also wait for each other.
const MIGRATE_LOCK_KEY = 72707369;

// Prisma's own DDL for its bookkeeping table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type LocalMigration = { name: string; script: string; checksum: string };

type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export type ApplyOptions = { log?: (m: string) => void; migrationsDir?: string };

export async function readLocalMigrations(migrationsDir = MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b)); // the order `prisma migrate` uses
  return Promise.all(
    names.map(async (name) => {
      const bytes = await fs.readFile(path.join(migrationsDir, name, "migration.sql"));
      return { name, script: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

export async function applyMigrations(databaseUrl: string, opts: ApplyOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const local = await readLocalMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    try {
      return { applied: await applyPending(client, local, log) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(client: pg.Client, local: LocalMigration[], log: (m: string) => void): Promise<string[]> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  const live = rows.filter((r) => r.rolled_back_at === null);

  // Same rule as Prisma (P3009): a failed migration must be resolved before anything else runs.
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  if (failed.length > 0) {
    throw new Error(
      `Found failed migrations in the target database: ${failed.join(", ")}. Fix the database, then mark them with ` +
        "`prisma migrate resolve --rolled-back <name>` (or --applied) and deploy again.",
    );
  }

  const applied = new Map(live.map((r) => [r.migration_name, r]));
  for (const m of local) {
    const row = applied.get(m.name);
    if (row && row.checksum !== m.checksum) log(`warning: ${m.name} was edited after it was applied`);
  }
  const localNames = new Set(local.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!localNames.has(name)) log(`warning: ${name} is applied in the database but missing from prisma/migrations`);
  }

  const done: string[] = [];
  for (const m of local.filter((x) => !applied.has(x.name))) {
    const t0 = performance.now();
    await applyOne(client, m);
    log(`applied ${m.name} in ${Math.round(performance.now() - t0)} ms`);
    done.push(m.name);
  }
  return done;
}

async function applyOne(client: pg.Client, m: LocalMigration): Promise<void> {
  const id = randomUUID();
  // Booked outside the migration's transaction, as Prisma does, so a failure stays on record.
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, m.checksum, m.name],
  );
  try {
    await client.query("BEGIN");
    await client.query(m.script);
    await client.query(
      `UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    const logs = describeDatabaseError(e);
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, logs]);
    throw new Error(`Migration ${m.name} failed to apply. Nothing of it was applied.\n\n${logs}`, { cause: e });
  }
}

function describeDatabaseError(e: unknown): string {
  if (e instanceof pg.DatabaseError) {
    const detail = [e.detail && `DETAIL: ${e.detail}`, e.hint && `HINT: ${e.hint}`, e.position && `POSITION: ${e.position}`]
      .filter(Boolean)
      .join("\n");
    return `Database error code: ${e.code}\n\nDatabase error:\nERROR: ${e.message}${detail ? `\n${detail}` : ""}`;
  }
  return e instanceof Error ? e.message : String(e);
}

if (typeof require !== "undefined" && require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(2);
  }
  applyMigrations(url, { log: console.log })
    .then(({ applied }) => console.log(applied.length ? `${applied.length} migration(s) applied` : "No pending migrations"))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
