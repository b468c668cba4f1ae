// `npm run bench:peer`: Hookflow and n8n side by side on the same cores. Installs n8n (cached
// outside the repo), builds Hookflow for production and runs both on equivalent workflows,
// alternating window by window, with an empty Next route handler as the floor. Prints rps, p99,
// Node CPU per execution and peak memory per process, and the ratios. See README "Benchmark".
//
// Env: PEER_BENCH_DURATION (s, 15), PEER_BENCH_WARMUP (s, 3), PEER_BENCH_CONNECTIONS ("1,10,50"),
//      PEER_BENCH_SHAPES ("code,if"), N8N_PEER_DIR (install cache, <tmp>/hookflow-n8n-peer),
//      PEER_BENCH_PORT (Hookflow, 3550), N8N_PEER_PORT (3560; its task broker uses the next port),
//      PEER_BENCH_CPU_PROF (a directory: the Hookflow server writes a --cpu-prof profile there),
//      PEER_BENCH_SERVER_FLAGS (extra Node flags for the Hookflow server, e.g. to A/B a GC setting).
// Flags: --no-build (reuse .next), --no-n8n (Hookflow and the floor only: quick A/B of a change),
//        --no-floor (no empty-route windows, e.g. so a CPU profile holds webhook runs only).
import os from "node:os";
import path from "node:path";
import { ensureN8n, N8N_VERSION, startN8n, type N8nInstance } from "./peer/n8n";
import { startHookflow } from "./peer/hookflow";
import { load, type Side, type Window } from "./peer/measure";
import { printReport } from "./peer/report";
import { requestBody, SHAPES, type Shape } from "./peer/workflows";
import { childrenOf, commandName, processTree } from "./peer/proc-stats";
import { buildUnlessSkipped } from "./bench-support";

const env = process.env;
const DURATION = Number(env.PEER_BENCH_DURATION ?? 15);
const WARMUP = Number(env.PEER_BENCH_WARMUP ?? 3);
const LEVELS = (env.PEER_BENCH_CONNECTIONS ?? "1,10,50").split(",").map(Number);
const SHAPE_LIST = (env.PEER_BENCH_SHAPES ?? "code,if").split(",") as Shape[];
const N8N_DIR = env.N8N_PEER_DIR ?? path.join(os.tmpdir(), "hookflow-n8n-peer");
const PORT = Number(env.PEER_BENCH_PORT ?? 3550);
const N8N_PORT = Number(env.N8N_PEER_PORT ?? 3560);
const withN8n = !process.argv.includes("--no-n8n");
const withFloor = !process.argv.includes("--no-floor");
const log = (m: string) => console.error(`[bench:peer] ${m}`);

/** JSON with sorted keys: the two systems may order an object's keys differently. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

async function smoke(url: string): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: requestBody() });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

async function main(): Promise<void> {
  if (withN8n) ensureN8n(N8N_DIR);
  buildUnlessSkipped(log);
  const profileDir = env.PEER_BENCH_CPU_PROF;
  const serverFlags = [...(env.PEER_BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean), ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];
  const hookflow = await startHookflow(PORT, serverFlags);
  let n8n: N8nInstance | undefined;
  const stopAll = async () => {
    await n8n?.stop();
    await hookflow.stop();
  };
  // Ctrl-C stops both servers and their databases instead of leaving them running.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  const windows: Window[] = [];
  try {
    if (withN8n) n8n = await startN8n(N8N_DIR, N8N_PORT);
    const postgres = () => childrenOf(hookflow.launcherPid).filter((pid) => commandName(pid) === "postgres").flatMap(processTree);
    const sides: Side[] = [];
    for (const shape of SHAPE_LIST) {
      const ours = await smoke(hookflow.url(shape));
      if (n8n) {
        const theirs = await smoke(n8n.url(shape));
        const same = canonical(ours) === canonical(theirs);
        log(`${shape}: Hookflow ${JSON.stringify(ours)}${same ? " = n8n" : `\n  n8n ${JSON.stringify(theirs)} (differs!)`}`);
        const instance = n8n;
        sides.push({
          system: "n8n",
          shape,
          url: instance.url(shape),
          method: "POST",
          processes: [
            { name: "main", pids: () => [instance.pid] },
            { name: "task runner", pids: () => childrenOf(instance.pid).flatMap(processTree) },
          ],
          nodeProcesses: ["main", "task runner"],
          saved: async () => {
            const { success } = await instance.count(shape);
            return { saved: success, running: 0 };
          },
        });
      }
      sides.push({
        system: "hookflow",
        shape,
        url: hookflow.url(shape),
        method: "POST",
        processes: [
          { name: "server", pids: () => processTree(hookflow.serverPid) },
          { name: "launcher/realtime", pids: () => [hookflow.launcherPid] },
          { name: "PostgreSQL", pids: postgres },
        ],
        nodeProcesses: ["server", "launcher/realtime"],
        saved: async () => {
          const { succeeded, running } = await hookflow.count(shape);
          return { saved: succeeded, running };
        },
      });
    }
    const floor: Side = {
      system: "floor",
      shape: undefined,
      url: hookflow.floorUrl,
      method: "GET",
      processes: [{ name: "server", pids: () => processTree(hookflow.serverPid) }],
      nodeProcesses: ["server"],
      saved: undefined,
    };
    // Alternating: at each concurrency every workflow runs on n8n, then on Hookflow, then the floor.
    for (const c of LEVELS) {
      for (const side of withFloor ? [...sides, floor] : sides) {
        log(`${side.system} ${side.shape ?? "empty route"} c=${c} …`);
        windows.push(await load(side, c, { durationS: DURATION, warmupS: WARMUP, body: requestBody() }));
      }
    }
  } finally {
    await stopAll();
  }
  printReport(windows, {
    durationS: DURATION,
    warmupS: WARMUP,
    bodyBytes: requestBody().length,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    n8nVersion: withN8n ? N8N_VERSION : undefined,
    shapes: SHAPE_LIST.map((s) => `${s}: ${SHAPES[s]}`),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
