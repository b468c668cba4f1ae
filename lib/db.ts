import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

// One pool and one Prisma client per process. In dev, Next reloads modules; keeping
// them on globalThis stops every reload from opening a new pool.
const globalForDb = globalThis as unknown as { hookflowPool?: pg.Pool; hookflowDb?: PrismaClient };

export function pool(): pg.Pool {
  if (!globalForDb.hookflowPool) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = databaseEnv();
    // A database that hangs instead of refusing must still end in a 503, not a hung request.
    const created = new pg.Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 });
    // An idle client's connection dropping (database restart) must not crash the process.
    created.on("error", (error) => logger.warn("idle database connection failed", { error }));
    globalForDb.hookflowPool = created;
  }
  return globalForDb.hookflowPool;
}

export function db(): PrismaClient {
  globalForDb.hookflowDb ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return globalForDb.hookflowDb;
}

// The webhook hot path (lib/executions/record-execution.ts, lib/triggers/resolve-webhook.ts)
// runs a few fixed statements many times a second. Named statements are parsed and
// planned once per connection instead of once per call, and skip the ORM's per-query
// work; everything else goes through Prisma.
export async function preparedQuery<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<R[]> {
  const result = await pool().query<R>({ name, text, values });
  return result.rows;
}

// For scripts and tests that end: Prisma does not close a pool it was handed, so an
// idle client would otherwise outlive the database it points at.
export async function closeDb(): Promise<void> {
  await globalForDb.hookflowDb?.$disconnect();
  await globalForDb.hookflowPool?.end();
  globalForDb.hookflowDb = undefined;
  globalForDb.hookflowPool = undefined;
}
