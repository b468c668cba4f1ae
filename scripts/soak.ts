// `npm run soak`: a bounded load (default 60 s) against two instances of the production
// build while random faults hit them: SIGKILL + restart of an instance, PostgreSQL
// restarts, realtime server restarts. At the end every accepted (2xx) delivery must have
// a saved execution that SUCCEEDED (runs of killed instances are resumed by the other's
// worker), no run of the soak may be left RUNNING or WAITING, and no 5xx but 503 + Retry-After
// may have been answered; otherwise it exits 1. Needs `npm run build`.
import { startCluster, type Instance } from "@/scripts/fault/cluster";
import { exitWithVerdict, settled, undocumented5xx } from "./bench/run-verdict";

const DURATION_MS = Number(process.env.SOAK_SECONDS ?? 60) * 1000;
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const log = (m: string) => console.error(`[soak] ${m}`);

async function main(): Promise<void> {
  const cluster = await startCluster({ leaseSeconds: 2 });
  Object.assign(process.env, cluster.env);
  const { db, closeDb } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const { orderReceivedWorkflow } = await import("@/lib/workflows/templates/order-received");
  const user = await createUser({ email: "soak@hookflow.test", password: "soak-password" });
  const workflow = await createWorkflow(user.id, parseWorkflowInput({ ...orderReceivedWorkflow("soak"), active: true }).input);

  let port = 3900;
  const instances: Instance[] = [await cluster.startInstance(port++), await cluster.startInstance(port++)];
  const accepted = new Set<string>();
  const statuses = new Map<number, number>();
  let unidentified = 0; // 2xx without the execution id header: nothing to look up
  let noRetryAfter = 0; // 503 without Retry-After: not the documented answer
  const faults: string[] = [];
  const deadline = Date.now() + DURATION_MS;

  const senders = Array.from({ length: CONCURRENCY }, async (_, worker) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const target = instances[(worker + i) % instances.length]!;
      try {
        const response = await fetch(`${target.url}/api/webhooks/soak`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ orderId: `S-${worker}-${i}`, amount: i % 200, customer: { name: "soak" } }),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const id = response.headers.get("x-hookflow-execution-id");
        if (response.ok && id) accepted.add(id);
        if (response.ok && !id) unidentified++;
        if (response.status === 503 && !response.headers.get("retry-after")) noRetryAfter++;
        await response.arrayBuffer();
      } catch {
        statuses.set(0, (statuses.get(0) ?? 0) + 1); // connection refused: the instance is down
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  const chaos = (async () => {
    const pick = () => Math.floor(Math.random() * 3);
    while (Date.now() < deadline - 8_000) {
      await new Promise((r) => setTimeout(r, 3_000 + Math.random() * 4_000));
      const fault = pick();
      if (fault === 0) {
        const index = Math.floor(Math.random() * instances.length);
        faults.push(`SIGKILL instance ${instances[index]!.port}`);
        await cluster.kill(instances[index]!, "SIGKILL");
        instances[index] = await cluster.startInstance(port++);
      } else if (fault === 1) {
        faults.push("restart PostgreSQL");
        await cluster.stopDatabase();
        await new Promise((r) => setTimeout(r, 1_000));
        await cluster.startDatabase();
      } else {
        faults.push("restart realtime");
        await cluster.stopRealtime();
        await new Promise((r) => setTimeout(r, 1_000));
        await cluster.startRealtime();
      }
      log(faults.at(-1)!);
    }
  })();

  await Promise.all([...senders, chaos]);
  // Runs of killed instances hold leases (2 s); then a worker resumes them.
  const ids = [...accepted];
  // Every run of the soak workflow, accepted or not: none may stay unfinished.
  const left = await settled(() => db().execution.count({ where: { workflowId: workflow.id, status: { in: ["RUNNING", "WAITING"] } } }));
  const saved = await db().execution.count({ where: { id: { in: ids } } });
  const final = await db().execution.count({ where: { id: { in: ids }, status: "SUCCEEDED" } });
  const byStatus = await db().execution.groupBy({ by: ["status"], _count: true });
  await closeDb();
  await cluster.stop();

  console.log(`\nsoak: ${DURATION_MS / 1000} s, ${CONCURRENCY} senders, 2 instances; faults: ${faults.join("; ") || "none"}`);
  console.log(`responses: ${[...statuses].map(([s, n]) => `${s === 0 ? "refused" : s}=${n}`).join(" ")}`);
  console.log(`accepted ${ids.length}  saved ${saved}  succeeded ${final}`);
  console.log(`statuses: ${byStatus.map((s) => `${s.status}=${s._count}`).join(" ")}`);
  const problems = [
    ...(saved < ids.length ? [`${ids.length - saved} accepted (2xx) deliveries have no saved execution`] : []),
    ...(final < ids.length ? [`${ids.length - final} accepted deliveries did not end SUCCEEDED`] : []),
    ...(unidentified > 0 ? [`${unidentified} 2xx answers carried no execution id`] : []),
    ...(left > 0 ? [`${left} runs left RUNNING or WAITING after 60 s`] : []),
    ...(noRetryAfter > 0 ? [`${noRetryAfter} 503 answers without Retry-After`] : []),
    ...undocumented5xx(statuses).map((s) => `undocumented 5xx: ${s}`),
  ];
  exitWithVerdict("soak", problems);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
