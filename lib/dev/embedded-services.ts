// Local-only: starts what the production deployment gets from its environment.
// Never imported from app/ — the embedded pieces stay out of the server bundle.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { startEmbeddedPusherServer } from "@/lib/realtime/embedded-server";
import { applyMigrations } from "@/prisma/apply-migrations";

export const STATE_DIR = path.resolve(process.cwd(), ".hookflow");
const CREDENTIALS_FILE = path.join(STATE_DIR, "pusher-credentials.json");

export type EmbeddedServices = {
  env: Record<string, string>;
  embedded: string[];
  /** Stops / starts the embedded realtime server on the same port (end-to-end tests of reconnects). */
  realtime?: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
};

type Log = (message: string) => void;

// Stable dev credentials across restarts, so an open browser tab keeps working.
function devPusherCredentials(): { appId: string; key: string; secret: string } {
  if (existsSync(CREDENTIALS_FILE)) return JSON.parse(readFileSync(CREDENTIALS_FILE, "utf8"));
  mkdirSync(STATE_DIR, { recursive: true });
  const credentials = { appId: "hookflow-dev", key: `dev-${randomBytes(8).toString("hex")}`, secret: randomBytes(24).toString("hex") };
  writeFileSync(CREDENTIALS_FILE, JSON.stringify(credentials, null, 2));
  return credentials;
}

// `configured` is what the caller's environment already provides; only the rest is embedded.
export type Configured = { databaseUrl?: string; pusherAppId?: string };

type ServiceOptions = {
  configured: Configured;
  persistent: boolean;
  log: Log;
  dataDir?: string;
  /** false: the caller stops the services itself on SIGINT/SIGTERM (a launcher draining its server first). */
  stopOnSignal?: boolean;
};

export async function startDatabase(options: ServiceOptions): Promise<{ url: string; embedded: boolean; stop(): Promise<void> }> {
  const configured = options.configured.databaseUrl;
  if (configured) return { url: configured, embedded: false, stop: async () => {} };
  const dataDir = options.dataDir ?? path.join(STATE_DIR, "pgdata");
  const pg = await startEmbeddedPostgres({ dataDir, persistent: options.persistent, log: options.log, stopOnSignal: options.stopOnSignal });
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

export async function startEmbeddedServices(options: ServiceOptions & { pusherPort?: number }): Promise<EmbeddedServices> {
  const env: Record<string, string> = {};
  const embedded: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let realtime: EmbeddedServices["realtime"];

  const database = await startDatabase(options);
  env.DATABASE_URL = database.url;
  if (database.embedded) embedded.push(`PostgreSQL (${database.url.replace(/:[^:@/]*@/, ":***@")})`);
  stops.push(database.stop);
  const { applied } = await applyMigrations(database.url, { log: options.log });
  if (applied.length) options.log(`applied migrations: ${applied.join(", ")}`);

  if (!options.configured.pusherAppId) {
    const credentials = options.persistent ? devPusherCredentials() : { appId: "hookflow-test", key: `test-${randomBytes(6).toString("hex")}`, secret: randomBytes(24).toString("hex") };
    const start = (port: number) => startEmbeddedPusherServer({ ...credentials, host: "127.0.0.1", port, log: options.log });
    // 6001 by habit (soketi's port); any free port works since the browser gets it at runtime.
    let pusher = await start(options.pusherPort ?? 6001).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") throw error;
      return start(0);
    });
    const port = pusher.port;
    let running = true;
    realtime = {
      stop: async () => {
        if (running) await pusher.close();
        running = false;
      },
      start: async () => {
        if (!running) pusher = await start(port);
        running = true;
      },
    };
    Object.assign(env, {
      PUSHER_APP_ID: credentials.appId,
      PUSHER_KEY: credentials.key,
      PUSHER_SECRET: credentials.secret,
      PUSHER_HOST: pusher.host,
      PUSHER_PORT: String(pusher.port),
      PUSHER_USE_TLS: "false",
    });
    embedded.push(`Pusher-protocol server (ws://${pusher.host}:${pusher.port})`);
    stops.push(() => realtime!.stop());
  }

  return {
    env,
    embedded,
    realtime,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
