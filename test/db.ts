import pg from "pg";

// Helpers for *.int.test.ts, against the database test/global-setup.ts started.

let pool: pg.Pool | undefined;
let truncateSql: string | undefined;

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run integration tests with `vitest --project integration`");
  return url;
}

function testPool(): pg.Pool {
  // allowExitOnIdle: the worker must not wait on this pool to exit.
  pool ??= new pg.Pool({ connectionString: testDatabaseUrl(), max: 2, allowExitOnIdle: true });
  return pool;
}

/**
 * Empties every app table (all but `_prisma_migrations`) in one statement. The table list is read
 * from the catalog once, so a new model needs no change here.
 */
export async function resetDatabase(): Promise<void> {
  if (!truncateSql) {
    const { rows } = await testPool().query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    );
    if (rows.length === 0) return;
    truncateSql = `TRUNCATE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY CASCADE`;
  }
  await testPool().query(truncateSql);
}
