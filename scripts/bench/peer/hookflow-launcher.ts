// The Hookflow side of `npm run bench:peer`, run as its own process so it is measured like
// `npm run start:embedded`: this process holds the embedded realtime server and PostgreSQL (fsync
// on, in a throwaway directory) and runs `next start` on the production build as its child.
// It prints one JSON line with the environment (database and Pusher settings) and the server's pid.
// argv: <dataDir> <port> [extra node flags for the server, e.g. --cpu-prof]
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmbeddedServices } from "@/lib/dev/embedded-services";
import { serverNodeArgs } from "../../server-node-args";

const [dataDir, port, ...serverFlags] = process.argv.slice(2);
if (!dataDir || !port) throw new Error("usage: hookflow-launcher.ts <dataDir> <port> [node flags]");
const log = (message: string) => console.error(`[hookflow] ${message}`);

async function main(): Promise<void> {
  const services = await startEmbeddedServices({ configured: {}, persistent: true, log, dataDir, pusherPort: 0 });
  const server = spawn(process.execPath, [...serverNodeArgs(), ...serverFlags, path.resolve("node_modules/next/dist/bin/next"), "start", "--port", port!], {
    env: { ...process.env, ...services.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  console.log(JSON.stringify({ env: services.env, serverPid: server.pid }));
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await services.stop();
    process.exit(code);
  };
  // The server flushes a CPU profile on a clean exit: SIGTERM is forwarded and awaited.
  process.on("SIGTERM", () => server.kill("SIGTERM"));
  server.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
