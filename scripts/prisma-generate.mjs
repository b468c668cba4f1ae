// `npm run prisma:generate` and postinstall: `prisma generate`, also on machines without internet.
// Offline, `prisma generate` stops at a check for the native schema engine, which it does not need
// for the `prisma-client` generator; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// skips that check. With the variable already set, or online, this is plain `prisma generate`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // e.g. `npm ci --omit=dev` in a runtime image: the client must have been generated at build time.
  console.warn("prisma-generate: the prisma CLI is not installed; skipping `prisma generate`");
  process.exit(0);
}

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(import.meta.url);

const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
