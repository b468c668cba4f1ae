// `npm run soak`: a bounded load (default 60 s) against two instances of the production
// build while random faults hit them: SIGKILL + restart of an instance, PostgreSQL
// restarts, realtime server restarts. At the end every accepted (2xx) delivery must have
// a saved execution that SUCCEEDED (runs of killed instances are resumed by the other's
// worker). Needs `npm run build`.
import { startCluster, type Instance } from "@/scripts/fault/cluster";

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
  await createWorkflow(user.id, parseWorkflowInput({ ...orderReceivedWorkflow("soak"), active: true }).input);

  let port = 3900;
  const instances: Instance[] = [await cluster.startInstance(port++), await cluster.startInstance(port++)];
  const accepted = new Set<string>();
  const statuses = new Map<number, number>();
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
  const settleBy = Date.now() + 60_000;
  while (Date.now() < settleBy && (await db().execution.count({ where: { id: { in: ids }, status: { in: ["RUNNING", "WAITING"] } } })) > 0) {
    await new Promise((r) => setTimeout(r, 500));
  }
  const saved = await db().execution.count({ where: { id: { in: ids } } });
  const final = await db().execution.count({ where: { id: { in: ids }, status: "SUCCEEDED" } });
  const byStatus = await db().execution.groupBy({ by: ["status"], _count: true });
  await closeDb();
  await cluster.stop();

  console.log(`\nsoak: ${DURATION_MS / 1000} s, ${CONCURRENCY} senders, 2 instances; faults: ${faults.join("; ") || "none"}`);
  console.log(`responses: ${[...statuses].map(([s, n]) => `${s === 0 ? "refused" : s}=${n}`).join(" ")}`);
  console.log(`accepted ${ids.length}  saved ${saved}  succeeded ${final}`);
  console.log(`statuses: ${byStatus.map((s) => `${s.status}=${s._count}`).join(" ")}`);
  if (saved !== ids.length || final !== ids.length) {
    console.log("FAIL: accepted, saved and succeeded differ");
    process.exit(1);
  }
  console.log("OK: accepted = saved = succeeded");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
