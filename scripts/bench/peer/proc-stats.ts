import { readFileSync, readdirSync } from "node:fs";
import { execSync } from "node:child_process";

// CPU time and memory of process trees from Linux /proc, so both systems are measured the same way.

const HZ = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // The process exited: it has nothing left to count.
    return undefined;
  }
}

/** pid → parent pid for every live process. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (stat === undefined) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    map.set(Number(entry), Number(fields[1]));
  }
  return map;
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(byParent.get(pid) ?? []));
  }
  return out;
}

export function childrenOf(pid: number): number[] {
  return [...parents()].filter(([, ppid]) => ppid === pid).map(([child]) => child);
}

export type Cpu = { user: number; sys: number };

/** User and system (kernel) CPU in ms, including reaped children (cutime/cstime). */
export function cpuMs(pids: number[]): Cpu {
  let user = 0;
  let sys = 0;
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    if (stat === undefined) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the comm field: utime is field 14 of the full line, i.e. index 11 here.
    user += Number(f[11]) + Number(f[13]);
    sys += Number(f[12]) + Number(f[14]);
  }
  return { user: (user * 1000) / HZ, sys: (sys * 1000) / HZ };
}

/**
 * Resident memory in bytes. Proportional set size (PSS) where available, so PostgreSQL's
 * backends do not each count the shared buffers they map; for a single Node process PSS ≈ RSS.
 */
export function memoryBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    const rollup = read(`/proc/${pid}/smaps_rollup`);
    const pss = rollup ? /^Pss:\s+(\d+)/m.exec(rollup)?.[1] : undefined;
    if (pss !== undefined) {
      total += Number(pss) * 1024;
      continue;
    }
    const status = read(`/proc/${pid}/status`);
    total += Number(/VmRSS:\s+(\d+)/.exec(status ?? "")?.[1] ?? 0) * 1024;
  }
  return total;
}

export type Role = { name: string; pids: () => number[] };

/** Samples each role's memory every `everyMs` and keeps the peak until reset. */
export class PeakSampler {
  private peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly roles: Role[],
    private readonly everyMs = 200,
  ) {}

  start(): void {
    this.peaks.clear();
    const sample = () => {
      for (const role of this.roles) this.peaks.set(role.name, Math.max(this.peaks.get(role.name) ?? 0, memoryBytes(role.pids())));
    };
    sample();
    this.timer = setInterval(sample, this.everyMs);
  }

  stop(): Map<string, number> {
    clearInterval(this.timer);
    return new Map(this.peaks);
  }
}

export function commandName(pid: number): string {
  return read(`/proc/${pid}/comm`)?.trim() ?? "";
}
