// `npm run bench:refusals`: accepted-webhook throughput alone, beside a flood of requests that
// are refused and never written (404 on a path nobody owns: only tallied in memory), and
// beside the same flood refused on a workflow's path (405: counted and sampled in the delivery
// log, flushed about once a second). The floods run at the same fixed rate, so the difference
// between the last two is what logging refusals costs accepted webhooks. Phases alternate over
// rounds (A B C A B C …) so a machine's drift hits each alike. Prints rps and p99 of the
// accepted webhooks per phase, and the refusal rows the log holds afterwards. Exits 1 when an
// accepted 2xx was not saved, a run is left RUNNING or any request got an undocumented 5xx.
import os from "node:os";
import autocannon from "autocannon";
import { buildUnlessSkipped, startBenchStack } from "./bench-support";
import { autocannonStatuses, exitWithVerdict, settled, undocumented5xx } from "./run-verdict";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const FLOOD_RPS = Number(process.env.BENCH_FLOOD_RPS ?? 400);
const PORT = Number(process.env.BENCH_PORT ?? 3110);
const log = (m: string) => console.error(`[bench:refusals] ${m}`);

type Phase = "alone" | "flood, not logged (404 unknown path)" | "flood, logged (405 on the workflow's path)";
const PHASES: Phase[] = ["alone", "flood, not logged (404 unknown path)", "flood, logged (405 on the workflow's path)"];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  buildUnlessSkipped(log);
  const { baseUrl: base, stop } = await startBenchStack(log, PORT);
  let problems: string[];
  try {
    problems = await measure(base);
  } finally {
    await stop();
  }
  exitWithVerdict("bench:refusals", problems);
}

async function measure(base: string): Promise<string[]> {
  const { db } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const { orderReceivedWorkflow } = await import("@/lib/workflows/templates/order-received");
  const user = await createUser({ email: "bench-refusals@hookflow.dev", password: "bench-password" });
  const { input } = parseWorkflowInput({ ...orderReceivedWorkflow("bench/accepted"), name: "bench accepted", active: true });
  const workflow = await createWorkflow(user.id, input);

  const results: Record<Phase, { rps: number[]; p99: number[]; flood: number[] }> = Object.fromEntries(PHASES.map((p) => [p, { rps: [], p99: [], flood: [] }])) as never;
  let errors = 0;
  let accepted2xx = 0;
  const statuses = new Map<number, number>();
  const tally = (result: autocannon.Result) => {
    for (const [status, n] of autocannonStatuses(result)) statuses.set(status, (statuses.get(status) ?? 0) + n);
  };
  const payload = JSON.stringify({ orderId: "B-1", amount: 250, customer: { name: "Bench" }, note: "x".repeat(600) });
  const accepted = () => autocannon({ url: `${base}/api/webhooks/bench/accepted`, method: "POST", connections: CONNECTIONS, duration: DURATION_S, headers: { "content-type": "application/json" }, body: payload });
  const flood = (url: string) => autocannon({ url, method: "GET", connections: 10, duration: DURATION_S, overallRate: FLOOD_RPS });
  const warm = await autocannon({ url: `${base}/api/webhooks/bench/accepted`, method: "POST", connections: CONNECTIONS, amount: 300, headers: { "content-type": "application/json" }, body: payload });
  accepted2xx += warm["2xx"];
  tally(warm);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const phase of PHASES) {
      const floodUrl = phase === "alone" ? null : phase.startsWith("flood, not") ? `${base}/api/webhooks/bench/nobody-${round}` : `${base}/api/webhooks/bench/accepted`;
      const [main, side] = await Promise.all([accepted(), floodUrl ? flood(floodUrl) : Promise.resolve(null)]);
      results[phase].rps.push(main.requests.average);
      results[phase].p99.push(main.latency.p99);
      if (side) results[phase].flood.push(side.requests.average);
      errors += main.non2xx + main.errors;
      accepted2xx += main["2xx"];
      tally(main);
      if (side) tally(side);
      log(`round ${round}: ${phase}: ${Math.round(main.requests.average)} rps, p99 ${main.latency.p99} ms${side ? `, flood ${Math.round(side.requests.average)} rps` : ""}`);
      await new Promise((r) => setTimeout(r, 1_500));
    }
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const running = await settled(() => db().execution.count({ where: { status: "RUNNING" } }), 30_000);
  const saved = await db().execution.count({ where: { workflowId: workflow.id, status: "SUCCEEDED" } });
  const counted = await db().refusalCount.aggregate({ _sum: { count: true }, _count: true });
  const samples = await db().refusedDelivery.count();
  const minutes = (await db().refusalCount.findMany({ select: { minute: true }, distinct: ["minute"] })).length;
  console.log(`\nAccepted webhooks (order-received, lastNode) at c = ${CONNECTIONS}, ${DURATION_S} s per phase, ${ROUNDS} rounds, flood at ${FLOOD_RPS} req/s (GET, c = 10); ${os.cpus().length} cores shared by everything\n`);
  console.log("| phase | accepted req/s (median; each round) | p99 ms (median) | flood req/s served (median) |");
  console.log("|---|---|---|---|");
  for (const phase of PHASES) {
    const r = results[phase];
    console.log(`| ${phase} | ${Math.round(median(r.rps))} (${r.rps.map(Math.round).join(", ")}) | ${median(r.p99)} | ${r.flood.length ? Math.round(median(r.flood)) : "—"} |`);
  }
  console.log(`\nrefusal log afterwards: ${counted._sum.count ?? 0} refused requests counted in ${counted._count} RefusalCount rows over ${minutes} minute(s), ${samples} RefusedDelivery samples (bound: 5 per key and minute); accepted non-2xx + errors: ${errors}`);
  console.log(`accepted: ${accepted2xx} 2xx answers, ${saved} SUCCEEDED executions`);
  return [
    ...(saved < accepted2xx ? [`${accepted2xx - saved} of ${accepted2xx} accepted 2xx answers have no SUCCEEDED execution`] : []),
    ...(running > 0 ? [`${running} runs left RUNNING 30 s after the load`] : []),
    ...undocumented5xx(statuses).map((s) => `undocumented 5xx: ${s}`),
  ];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
