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
