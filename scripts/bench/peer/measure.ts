// One measured window: warm-up, then autocannon for the duration while CPU time and memory of
// every process of the side under test are recorded; then the saved executions are counted.
import autocannon from "autocannon";
import { cpuMs, PeakSampler, type Cpu, type Role } from "./proc-stats";
import type { Shape } from "./workflows";

export type Side = {
  system: "n8n" | "hookflow" | "floor";
  shape: Shape | undefined;
  url: string;
  method: "GET" | "POST";
  processes: Role[];
  /** Which processes run Node (their CPU is "Node CPU per execution"). */
  nodeProcesses: string[];
  /** Saved successful executions so far, and rows left RUNNING; undefined for the floor. */
  saved: (() => Promise<{ saved: number; running: number }>) | undefined;
};

export type Window = {
  system: Side["system"];
  shape: Shape | undefined;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  saved: number | undefined;
  running: number | undefined;
  /** CPU ms during the window (user + system), by process name. */
  cpu: Map<string, number>;
  /** The kernel's share of each process's CPU: syscalls and wake-ups, not JavaScript. */
  sysShare: Map<string, number>;
  /** Peak memory during the window, bytes, by process name. */
  peak: Map<string, number>;
  nodeProcesses: string[];
};

function cannon(side: Side, connections: number, durationS: number, body: string) {
  return autocannon({
    url: side.url,
    method: side.method,
    connections,
    duration: durationS,
    ...(side.method === "POST" ? { headers: { "content-type": "application/json" }, body } : {}),
  });
}

/** Waits until the count stops changing (writes that were in flight when the load stopped). */
async function settle(read: () => Promise<{ saved: number; running: number }>): Promise<{ saved: number; running: number }> {
  let previous = await read();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const current = await read();
    if (current.saved === previous.saved && current.running === 0) return current;
    previous = current;
  }
  return previous;
}

export async function load(side: Side, connections: number, options: { durationS: number; warmupS: number; body: string }): Promise<Window> {
  if (options.warmupS > 0) await cannon(side, connections, options.warmupS, options.body);
  const before = side.saved ? await settle(side.saved) : undefined;
  const sampler = new PeakSampler(side.processes);
  const cpuBefore = new Map(side.processes.map((p) => [p.name, cpuMs(p.pids())]));
  sampler.start();
  const result = await cannon(side, connections, options.durationS, options.body);
  const peak = sampler.stop();
  const used = new Map<string, Cpu>(
    side.processes.map((p) => {
      const [now, then] = [cpuMs(p.pids()), cpuBefore.get(p.name)!];
      return [p.name, { user: now.user - then.user, sys: now.sys - then.sys }];
    }),
  );
  const after = side.saved ? await settle(side.saved) : undefined;
  return {
    system: side.system,
    shape: side.shape,
    connections,
    rps: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors + result.timeouts,
    saved: before && after ? after.saved - before.saved : undefined,
    running: after?.running,
    cpu: new Map([...used].map(([name, c]) => [name, c.user + c.sys])),
    sysShare: new Map([...used].map(([name, c]) => [name, c.sys / Math.max(1e-9, c.user + c.sys)])),
    peak,
    nodeProcesses: side.nodeProcesses,
  };
}
