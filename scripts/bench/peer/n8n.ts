// The n8n side of `npm run bench:peer`: installs n8n (cached in a directory outside the repo),
// imports both benchmark workflows into a fresh user folder, starts it with its defaults
// (SQLite, every execution saved) and counts saved executions. Adapted from
// ../shared/peers/n8n/bench.sh, which the n8n numbers in the README were first taken with.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { n8nWorkflows } from "./n8n-workflows";
import type { Shape } from "./workflows";

export const N8N_VERSION = "2.8.4"; // the newest n8n whose `engines` accept Node 20
const log = (message: string) => console.error(`[n8n] ${message}`);

export function ensureN8n(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const installed = path.join(dir, "node_modules/n8n/package.json");
  if (existsSync(installed) && (JSON.parse(readFileSync(installed, "utf8")) as { version: string }).version === N8N_VERSION) return;
  log(`installing n8n@${N8N_VERSION} into ${dir} (a few minutes, ~2.3 GB; cached for the next run)`);
  // n8n-nodes-base depends on xlsx through a cdn.sheetjs.com tarball, which is not the npm
  // registry: the last registry release replaces it.
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "n8n-peer", private: true, dependencies: { n8n: N8N_VERSION }, overrides: { xlsx: "0.18.5" } }, null, 2),
  );
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`npm install n8n@${N8N_VERSION} failed in ${dir}`);
}

export type N8nInstance = {
  pid: number;
  url: (shape: Shape) => string;
  /** Executions of the shape's workflow saved so far: total and finished successfully. */
  count: (shape: Shape) => Promise<{ total: number; success: number }>;
  stop: () => Promise<void>;
};

export async function startN8n(dir: string, port: number): Promise<N8nInstance> {
  const run = mkdtempSync(path.join(dir, "run-"));
  const home = path.join(run, "home");
  mkdirSync(home);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    N8N_USER_FOLDER: home,
    N8N_HOST: "127.0.0.1",
    N8N_LISTEN_ADDRESS: "127.0.0.1",
    N8N_PORT: String(port),
    N8N_PROTOCOL: "http",
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: "127.0.0.1",
    N8N_RUNNERS_BROKER_PORT: String(port + 1),
    // No phoning home; execution saving, pruning and the SQLite pool stay at n8n's defaults.
    N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_DIAGNOSTICS_CONFIG_FRONTEND: "",
    N8N_DIAGNOSTICS_CONFIG_BACKEND: "",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: "false",
    N8N_PERSONALIZATION_ENABLED: "false",
    N8N_HIRING_BANNER_ENABLED: "false",
    N8N_DYNAMIC_BANNERS_ENABLED: "false",
    N8N_TEMPLATES_ENABLED: "false",
    N8N_COMMUNITY_PACKAGES_ENABLED: "false",
    N8N_LICENSE_AUTO_RENEW_ENABLED: "false",
    N8N_AI_ENABLED: "false",
    EXTERNAL_FRONTEND_HOOKS_URLS: "",
  };
  const bin = path.join(dir, "node_modules/.bin/n8n");
  const workflows = n8nWorkflows();
  const file = path.join(run, "workflows.json");
  writeFileSync(file, JSON.stringify(Object.values(workflows)));
  const cli = (args: string[]) => {
    const result = spawnSync(bin, args, { env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`n8n ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  };
  log("importing and publishing the workflows");
  cli(["import:workflow", `--input=${file}`]);
  for (const workflow of Object.values(workflows)) cli(["publish:workflow", `--id=${workflow.id}`]);

  const logFile = path.join(run, "n8n.log");
  let output = "";
  const child: ChildProcess = spawn(bin, ["start"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!(output.includes("Editor is now accessible") && output.split("Activated workflow").length > Object.keys(workflows).length)) {
    if (child.exitCode !== null) throw new Error(`n8n exited during start:\n${output}`);
    if (Date.now() - started > 120_000) throw new Error(`n8n did not start within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`n8n ${N8N_VERSION} up in ${Date.now() - started} ms (pid ${child.pid})`);

  // The sqlite3 addon n8n installed reads its database.
  const sqlite3 = createRequire(path.join(dir, "node_modules/"))("sqlite3") as {
    Database: new (file: string, mode: number) => { all: (sql: string, cb: (e: Error | null, rows: { n: number; s: number }[]) => void) => void; close: () => void };
    OPEN_READONLY: number;
  };
  const count = (shape: Shape) =>
    new Promise<{ total: number; success: number }>((resolve, reject) => {
      const db = new sqlite3.Database(path.join(home, ".n8n/database.sqlite"), sqlite3.OPEN_READONLY);
      db.all(
        `select count(*) n, coalesce(sum(status = 'success' and finished = 1), 0) s from execution_entity where workflowId = '${workflows[shape].id}'`,
        (error, rows) => {
          db.close();
          if (error) reject(error);
          else resolve({ total: rows[0]!.n, success: rows[0]!.s });
        },
      );
    });
  return {
    pid: child.pid!,
    url: (shape) => `http://127.0.0.1:${port}/webhook/${workflows[shape].path}`,
    count,
    stop: async () => {
      writeFileSync(logFile, output);
      child.kill("SIGTERM");
      const exited = new Promise((r) => child.once("exit", r));
      const timeout = new Promise((r) => setTimeout(r, 30_000, "timeout"));
      if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
      rmSync(run, { recursive: true, force: true });
    },
  };
}
