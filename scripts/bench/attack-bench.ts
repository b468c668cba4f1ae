// `npm run bench:attack [seconds]`: /api/health latency of a production build (192 MB heap) while
// an attacker sends each denial-of-service payload of issue 18 back to back (two at a time), with
// a baseline first. Needs `npm run build`. Target: p99 < 100 ms, and the same process alive after
// every attack. FAULT_PORT_OFFSET moves the ports as for the fault tests.
import { ATTACKS, percentile, pollHealth, SPIN_SOURCE } from "@/test/fault/attacks";
import { post, startHarness } from "@/test/fault/fault-helpers";

const SECONDS = Number(process.argv[2] ?? 6);
const ATTACKERS = 2;

type Row = { attack: string; requests: number; polls: number; p50: number; p99: number; max: number; alive: boolean };

async function main() {
  const h = await startHarness({ leaseSeconds: 2 }, 3900);
  for (const attack of ATTACKS) await h.workflow(attack.path, attack.nodes);
  await h.workflow("attack-spin", [{ id: "run", type: "code", parameters: { source: SPIN_SOURCE, timeoutMs: 8_000 } }], "immediately");
  const server = await h.cluster.startInstance(h.nextPort());
  const pid = server.process.pid;
  const rows: Row[] = [];
  const measure = async (name: string, send: (() => Promise<void>) | undefined) => {
    // Warm the route (compile, caches) so the first request is not counted as the attack's cost.
    if (send) await send();
    const health = pollHealth(server.url, 10);
    const until = Date.now() + SECONDS * 1000;
    let requests = 0;
    await Promise.all(
      Array.from({ length: send ? ATTACKERS : 0 }, async () => {
        while (Date.now() < until) {
          await send!().catch(() => undefined);
          requests++;
        }
      }),
    );
    if (!send) await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const samples = await health.stop();
    const ms = samples.map((s) => s.ms);
    rows.push({
      attack: name,
      requests,
      polls: samples.length,
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
      max: Math.max(...ms),
      alive: server.process.exitCode === null && server.process.pid === pid && samples.every((s) => s.status === 200),
    });
  };
  try {
    await measure("baseline (no attack)", undefined);
    for (const attack of ATTACKS) {
      await measure(attack.name, async () => {
        const response = await post(server, attack.path, attack.body);
        await response.arrayBuffer();
      });
    }
    await measure("infinite loops (code, timeoutMs 8000)", async () => {
      const response = await post(server, "attack-spin");
      await response.arrayBuffer();
      await new Promise((r) => setTimeout(r, 200));
    });
  } finally {
    await h.close();
  }
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(`\n/api/health while attacking (${SECONDS} s each, ${ATTACKERS} attackers, polls every 10 ms), node ${process.version}`);
  console.log(`${"attack".padEnd(46)} ${pad("reqs", 6)} ${pad("polls", 6)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("max ms", 8)}  alive`);
  for (const r of rows) {
    console.log(`${r.attack.padEnd(46)} ${pad(r.requests, 6)} ${pad(r.polls, 6)} ${pad(r.p50.toFixed(1), 8)} ${pad(r.p99.toFixed(1), 8)} ${pad(r.max.toFixed(1), 8)}  ${r.alive ? "yes" : "NO"}`);
  }
  process.exit(rows.every((r) => r.alive) ? 0 : 1);
}

void main();
