import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/dev/embedded-postgres";
import { applyMigrations } from "../prisma/apply-migrations";

// One throwaway PostgreSQL for the whole integration run. Workers are forked after this runs,
// so they inherit DATABASE_URL; each test file starts from resetDatabase() (test/db.ts).
export default async function setup(): Promise<() => Promise<void>> {
  const t0 = performance.now();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "hookflow-test-"));
  // As root the server runs as the `postgres` user, which must be able to enter the directory.
  await fs.chmod(tmp, 0o755);

  const timings: string[] = [];
  const server = await startEmbeddedPostgres({
    dataDir: path.join(tmp, "data"),
    database: "hookflow_test",
    persistent: false,
    log: (m) => timings.push(m),
  });
  try {
    const t1 = performance.now();
    const { applied } = await applyMigrations(server.url);
    timings.push(`${applied.length} migration(s) in ${Math.round(performance.now() - t1)} ms`);
  } catch (e) {
    await server.stop();
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  process.env.DATABASE_URL = server.url;
  console.log(`[global-setup] PostgreSQL ready in ${Math.round(performance.now() - t0)} ms: ${timings.join("; ")}`);

  return async () => {
    await server.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  };
}
