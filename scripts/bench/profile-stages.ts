// Where does a webhook's time go? Runs the webhook handler in-process (no HTTP) and
// times each stage, on an embedded PostgreSQL with fsync on. `tsx scripts/bench/profile-stages.ts`
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedServices } from "@/lib/dev/embedded-services";

const N = Number(process.argv[2] ?? 300);

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hookflow-prof-"));
  const services = await startEmbeddedServices({ configured: {}, persistent: true, log: () => {}, dataDir, pusherPort: 0 });
  Object.assign(process.env, services.env);
  const { db } = await import("@/lib/db");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  const { orderReceivedWorkflow } = await import("@/lib/workflows/templates/order-received");
  const { handleWebhook } = await import("@/lib/triggers/handle-webhook");
  const { resolveWebhook } = await import("@/lib/triggers/resolve-webhook");
  const user = await createUser({ email: "p@x.dev", password: "password123" });
  await createWorkflow(user.id, parseWorkflowInput({ ...orderReceivedWorkflow("p/orders"), active: true }).input);
  const body = JSON.stringify({ orderId: "B-1", amount: 250, customer: { name: "x" } });
  const req = () => new Request("http://x/api/webhooks/p/orders", { method: "POST", headers: { "content-type": "application/json" }, body });

  const time = async (label: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn();
    console.log(`${label}: ${((performance.now() - t0) / N).toFixed(3)} ms`);
  };
  await time("SELECT 1 (prisma raw)", () => db().$queryRaw`SELECT 1`);
  await time("resolveWebhook", () => resolveWebhook(["p", "orders"], "POST"));
  await time("insert user-less session row", () => db().session.create({ data: { userId: user.id, tokenHash: Math.random().toString(), expiresAt: new Date() } }));
  const { loadWorkflowVersion } = await import("@/lib/workflows/load-version");
  const { runWorkflow } = await import("@/lib/engine/run-workflow");
  const { beginExecution } = await import("@/lib/executions/run-execution");
  const hook = await resolveWebhook(["p", "orders"], "POST");
  const wf = await loadWorkflowVersion(hook.workflowVersionId);
  const trigger = { method: "POST", path: "p/orders", query: {}, headers: {}, body: JSON.parse(body) };
  await time("engine only", () => runWorkflow(wf, { triggerNodeId: "webhook", trigger }));
  const request = { userId: user.id, workflowId: hook.workflowId, workflowVersionId: hook.workflowVersionId, workflow: wf, triggerNodeId: "webhook", trigger, mode: "WEBHOOK" as const };
  await time("beginExecution", () => beginExecution(request));
  await time("handleWebhook (full, sequential)", () => handleWebhook(req(), ["p", "orders"]));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 50 }, async () => { for (let i = 0; i < 20; i++) await handleWebhook(req(), ["p", "orders"]); }));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`handleWebhook x50 concurrent: ${((1000 / wall) * 1000).toFixed(0)} runs/s, node CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)}% of one core, ${((cpu.user + cpu.system) / 1000 / 1000).toFixed(2)} ms CPU per run`);
  await db().$disconnect();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
