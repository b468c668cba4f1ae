// The bench:peer tables (Markdown, ready for the README).
import type { Window } from "./measure";
import type { Shape } from "./workflows";

const MiB = 2 ** 20;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const f0 = (n: number) => Math.round(n).toLocaleString("en-US");
const f1 = (n: number) => n.toFixed(1);
const pct = (n: number | undefined) => (n === undefined ? "–" : `${Math.round(n * 100)} %`);
const ratio = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}×` : "–");

const perRun = (w: Window, name: string) => (w.cpu.get(name) ?? 0) / Math.max(1, w.saved ?? w.ok);

/** Node CPU per run, with the share of each Node process when there are several. */
function nodeCpuPerRun(w: Window): string {
  const parts = w.nodeProcesses.map((name) => perRun(w, name));
  return parts.length === 1 ? f1(parts[0]!) : `${f1(sum(parts))} (${parts.map(f1).join(" + ")})`;
}

function memory(w: Window): string {
  return [...w.peak].map(([name, bytes]) => `${name} ${f0(bytes / MiB)}`).join(" + ");
}

export function printReport(
  windows: Window[],
  meta: { durationS: number; warmupS: number; bodyBytes: number; machine: string; n8nVersion: string | undefined; shapes: string[] },
): void {
  const out: string[] = [];
  const find = (system: Window["system"], shape: Shape | undefined, c: number) => windows.find((w) => w.system === system && w.shape === shape && w.connections === c);
  out.push("");
  out.push(`${new Date().toISOString().slice(0, 10)}, ${meta.machine}; ${meta.durationS} s per window after a ${meta.warmupS} s warm-up, ~${meta.bodyBytes} B JSON body;`);
  out.push(`n8n ${meta.n8nVersion ?? "(not run)"} (SQLite, defaults) and Hookflow (production build, embedded PostgreSQL with fsync on + embedded realtime server) alternating.`);
  out.push("");
  out.push("| workflow | c | n8n rps | Hookflow rps | ratio | n8n p99 ms | Hookflow p99 ms | p99 ratio | Node CPU ms/run n8n (main + runner) | Node CPU ms/run Hookflow (server + launcher) | PG CPU ms/run | Hookflow server kernel share | saved / 2xx (Hookflow) | RUNNING | n8n saved / 2xx |");
  out.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  const shapes = [...new Set(windows.map((w) => w.shape).filter((s): s is Shape => s !== undefined))];
  const levels = [...new Set(windows.map((w) => w.connections))];
  for (const shape of shapes) {
    for (const c of levels) {
      const h = find("hookflow", shape, c);
      const n = find("n8n", shape, c);
      if (!h) continue;
      const pg = perRun(h, "PostgreSQL");
      out.push(
        `| ${shape} | ${c} | ${n ? f0(n.rps) : "–"} | ${f0(h.rps)} | ${n ? ratio(h.rps / n.rps) : "–"} | ${n ? f0(n.p99) : "–"} | ${f0(h.p99)} | ${n ? ratio(n.p99 / Math.max(1, h.p99)) : "–"} | ${n ? nodeCpuPerRun(n) : "–"} | ${nodeCpuPerRun(h)} | ${f1(pg)} | ${pct(h.sysShare.get("server"))} | ${h.saved} / ${h.ok}${h.failed ? ` (+${h.failed} failed)` : ""} | ${h.running} | ${n ? `${n.saved} / ${n.ok}${n.failed ? ` (+${n.failed} failed)` : ""}` : "–"} |`,
      );
    }
  }
  out.push("");
  out.push("Peak memory (MiB; Node processes RSS, PostgreSQL PSS summed over its processes), per window:");
  out.push("");
  out.push("| workflow | c | n8n | n8n total | Hookflow | Hookflow total | Hookflow / n8n |");
  out.push("|---|---|---|---|---|---|---|");
  for (const shape of shapes) {
    for (const c of levels) {
      const h = find("hookflow", shape, c);
      const n = find("n8n", shape, c);
      if (!h) continue;
      const ht = sum(h.peak.values());
      const nt = n ? sum(n.peak.values()) : NaN;
      out.push(`| ${shape} | ${c} | ${n ? memory(n) : "–"} | ${n ? f0(nt / MiB) : "–"} | ${memory(h)} | ${f0(ht / MiB)} | ${n ? `${(ht / nt).toFixed(2)}` : "–"} |`);
    }
  }
  out.push("");
  out.push("Floor: an empty Next route handler (`GET /api/health` → `{ok:true}`) on the same Hookflow server, same run:");
  out.push("");
  out.push("| c | rps | p99 ms | server CPU ms/request | kernel share |");
  out.push("|---|---|---|---|---|");
  for (const c of levels) {
    const w = find("floor", undefined, c);
    if (w) out.push(`| ${c} | ${f0(w.rps)} | ${f0(w.p99)} | ${f1((w.cpu.get("server") ?? 0) / Math.max(1, w.ok))} | ${pct(w.sysShare.get("server"))} |`);
  }
  out.push("");
  for (const line of meta.shapes) out.push(`- ${line}`);
  // Requests in flight when autocannon stops are saved but not counted as answered: saved may
  // exceed 2xx by at most the number of connections, never fall short of it.
  const problems = windows.filter((w) => w.system === "hookflow" && (w.running !== 0 || w.saved === undefined || w.saved < w.ok || w.saved > w.ok + w.connections || w.failed > 0));
  out.push("");
  out.push(
    problems.length === 0
      ? "Hookflow: every 2xx saved as SUCCEEDED (saved − 2xx ≤ c: requests in flight at the end), nothing failed, nothing left RUNNING."
      : `Hookflow CHECK FAILED in ${problems.map((w) => `${w.shape} c=${w.connections} (saved ${w.saved}, 2xx ${w.ok}, failed ${w.failed}, RUNNING ${w.running})`).join("; ")}`,
  );
  console.log(out.join("\n"));
  if (problems.length > 0) process.exitCode = 1;
}
