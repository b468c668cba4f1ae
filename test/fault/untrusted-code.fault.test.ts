// Issue 18: no expression or script of one user can stall or kill the server. Each attack runs
// through a real webhook of a `next start` production build (192 MB heap); the same process must
// answer throughout, and the attacked node must end as expected with its message. /api/health is
// polled during every attack and its p99 is printed (not asserted: no timed assertions here;
// `npm run bench:attack` measures it under sustained attack).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Instance } from "@/scripts/fault/cluster";
import { ATTACKS, percentile, pollHealth, QUICK_SOURCE, SPIN_SOURCE } from "./attacks";
import { post, startHarness, until, type Harness } from "./fault-helpers";

let h: Harness;
let server: Instance;
let pid: number | undefined;
let otherUserId: string;

beforeAll(async () => {
  h = await startHarness({ leaseSeconds: 2 }, 3850);
  for (const attack of ATTACKS) await h.workflow(attack.path, attack.nodes);
  await h.workflow("attack-spin", [{ id: "run", type: "code", parameters: { source: SPIN_SOURCE, timeoutMs: 8_000 } }], "immediately");
  const { createUser } = await import("@/lib/auth/users");
  const { createWorkflow } = await import("@/lib/workflows/save-workflow");
  const { parseWorkflowInput } = await import("@/lib/workflows/workflow-input");
  otherUserId = (await createUser({ email: "fault-victim@hookflow.test", password: "fault-password" })).id;
  const { input } = parseWorkflowInput({
    name: "victim-quick",
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path: "victim-quick", responseMode: "lastNode" } },
      { id: "run", type: "code", parameters: { source: QUICK_SOURCE, timeoutMs: 5_000 } },
    ],
    connections: [{ from: "webhook", to: "run" }],
  });
  await createWorkflow(otherUserId, input);
  server = await h.cluster.startInstance(h.nextPort());
  pid = server.process.pid;
  // Warm the webhook route, JSONata and the inline QuickJS module, so each p99 below is the attack's.
  await h.workflow("warm-up", [
    { id: "eval", type: "set", parameters: { fields: { n: "{{ $count([1..3]) }}" } } },
    { id: "run", type: "code", parameters: { source: "1" } },
  ]);
  await (await post(server, "warm-up")).arrayBuffer();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const latestExecution = (workflowName: string) =>
  h.db().execution.findFirst({
    where: { workflow: { name: workflowName } },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true, nodes: { select: { nodeId: true, status: true, error: true, output: true } } },
  });

function expectServerUp() {
  expect(server.process.exitCode).toBeNull();
  expect(server.process.pid).toBe(pid);
}

describe("untrusted expressions and code cannot stall or kill the server", () => {
  for (const attack of ATTACKS) {
    it(`${attack.name}: the node ends ${attack.status}, the server stays up`, async () => {
      const health = pollHealth(server.url);
      const response = await post(server, attack.path, attack.body);
      await response.arrayBuffer();
      const execution = await until(async () => {
        const row = await latestExecution(attack.path);
        return row && row.status !== "RUNNING" ? row : null;
      }, `the ${attack.path} run to end`, 60_000);
      const samples = await health.stop();
      const p99 = percentile(samples.map((s) => s.ms), 99);
      console.log(`[attack] ${attack.name}: /api/health p99 ${p99.toFixed(1)} ms over ${samples.length} polls`);

      expect(execution.status).toBe(attack.status);
      const node = execution.nodes.find((n) => n.nodeId === attack.node);
      if (attack.message) expect((node?.error as { message?: string } | null)?.message).toMatch(attack.message);
      expect(samples.every((s) => s.status === 200)).toBe(true);
      expectServerUp();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    }, 90_000);
  }

  it("the issue's 60 MB result with memoryLimitBytes 256 MB is refused when saved, naming the field", async () => {
    const response = await fetch(`${server.url}/api/workflows`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${h.apiKey}` },
      body: JSON.stringify({
        name: "attack-256mb",
        active: true,
        nodes: [
          { id: "webhook", type: "webhook", parameters: { path: "attack-256mb" } },
          { id: "run", type: "code", parameters: { source: '"x".repeat(60 * 1024 * 1024)', memoryLimitBytes: 256 * 1024 * 1024 } },
        ],
        connections: [{ from: "webhook", to: "run" }],
      }),
    });
    const body = await response.text();
    expect(response.status, body).toBeGreaterThanOrEqual(400);
    expect(response.status, body).toBeLessThan(500);
    expect(body).toMatch(/memoryLimitBytes must be at most \d+ bytes/);
    expectServerUp();
  });

  it("one user's infinite loops do not hold every code worker: another user's code runs while they spin", async () => {
    const health = pollHealth(server.url);
    for (let i = 0; i < 3; i++) (await post(server, "attack-spin")).body?.cancel();
    await until(async () => (await h.db().execution.count({ where: { workflow: { name: "attack-spin" }, status: "RUNNING" } })) === 3, "three spinning runs");
    const response = await post(server, "victim-quick");
    await response.arrayBuffer();
    const victim = await until(async () => {
      const row = await latestExecution("victim-quick");
      return row && row.status !== "RUNNING" ? row : null;
    }, "the other user's run to end", 60_000);
    // The attacker's scripts only end at their 8 s limit: all three still run when the victim's is done.
    const spinning = await h.db().execution.count({ where: { workflow: { name: "attack-spin" }, status: "RUNNING" } });
    const samples = await health.stop();
    console.log(`[attack] three infinite loops + another user's 0.3 s script: /api/health p99 ${percentile(samples.map((s) => s.ms), 99).toFixed(1)} ms`);
    expect(victim.status).toBe("SUCCEEDED");
    expect(victim.nodes.find((n) => n.nodeId === "run")?.output).toBe(42);
    expect(spinning).toBe(3);
    await until(async () => (await h.db().execution.count({ where: { workflow: { name: "attack-spin" }, status: "RUNNING" } })) === 0, "the loops to time out", 60_000);
    expectServerUp();
  }, 120_000);
});
