// Shared by the benchmarks: the production build they measure, and waiting for a server.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** `next build`, unless the command line says --no-build (a build from before is reused). */
export function buildUnlessSkipped(log: (m: string) => void): void {
  if (process.argv.includes("--no-build")) return;
  log("next build …");
  const build = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

/** Resolves once `url` answers below 500; a minute at most. */
export async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

/**
 * Embedded PostgreSQL (fsync on, a throwaway directory) and the realtime server, their env
 * applied to this process, and `next start` of the production build on `port` as `npm start`
 * runs it. `stop` ends all of it and removes the directory.
 */
export async function startBenchStack(log: (m: string) => void, port: number): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const os = await import("node:os");
  const { spawn } = await import("node:child_process");
  const { startEmbeddedServices } = await import("@/lib/dev/embedded-services");
  const { serverNodeArgs } = await import("../server-node-args");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hookflow-bench-"));
  const services = await startEmbeddedServices({ configured: {}, persistent: true, log, dataDir, pusherPort: 0 });
  Object.assign(process.env, services.env);
  const server = spawn(process.execPath, [...serverNodeArgs(), path.resolve("node_modules/next/dist/bin/next"), "start", "--port", String(port)], {
    env: { ...process.env, ...services.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_POOL_SIZE: "20" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.kill("SIGTERM");
    if (server.exitCode === null) await new Promise((r) => server.once("exit", r));
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(`${baseUrl}/sign-in`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
