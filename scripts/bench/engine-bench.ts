// In-process engine benchmark: a 50-node workflow of set/if/switch/merge, run many times.
// `npm run bench:engine [runs]`. Two variants of the same graph: "literal" (constant parameters:
// what the engine itself costs per node) and "expressions" (every parameter a {{ }} expression).
import { runWorkflow } from "@/lib/engine/run-workflow";
import type { TriggerPayload, ValidatedWorkflow } from "@/lib/engine/types";
import { validateWorkflow } from "@/lib/engine/validate-workflow";

const RUNS = Number(process.argv[2] ?? 5000);
const WARMUP = Math.min(1000, RUNS);
const BLOCKS = 5;

type Node = { id: string; type: string; parameters: Record<string, unknown> };

/**
 * One block (9 nodes, 7 run): set → if → (setT | setF) → merge → switch → (s0 | sf) → merge.
 * Five blocks plus the webhook and a 4-set tail make 50 nodes, 40 of which run.
 */
function buildWorkflow(expressions: boolean): ValidatedWorkflow {
  const nodes: Node[] = [{ id: "hook", type: "webhook", parameters: {} }];
  const connections: { from: string; to: string; output?: string }[] = [];
  const set = (id: string, fields: Record<string, unknown>) => nodes.push({ id, type: "set", parameters: { fields } });
  let previous = "hook";
  for (let b = 0; b < BLOCKS; b++) {
    const id = (name: string) => `${name}${b}`;
    set(id("set"), { [`step${b}`]: expressions ? "{{ $json.body.amount }}" : b, tier: expressions ? "{{ $trigger.body.tier }}" : "gold" });
    nodes.push({ id: id("if"), type: "if", parameters: { condition: expressions ? "{{ $json.body.amount > 100 }}" : true } });
    set(id("setT"), { big: expressions ? "{{ $json.body.customer.name }}" : true });
    set(id("setF"), { big: false });
    nodes.push({ id: id("join"), type: "merge", parameters: { mode: "passFirst" } });
    const rules = expressions ? [{ condition: '{{ $json.tier = "gold" }}' }, { condition: '{{ $json.tier = "silver" }}' }] : [{ condition: true }, { condition: false }];
    nodes.push({ id: id("switch"), type: "switch", parameters: { rules } });
    set(id("s0"), { route: expressions ? "{{ $json.tier }}" : "gold" });
    set(id("sf"), { route: "other" });
    nodes.push({ id: id("join2"), type: "merge", parameters: { mode: "passFirst" } });
    connections.push(
      { from: previous, to: id("set") },
      { from: id("set"), to: id("if") },
      { from: id("if"), to: id("setT"), output: "true" },
      { from: id("if"), to: id("setF"), output: "false" },
      { from: id("setT"), to: id("join") },
      { from: id("setF"), to: id("join") },
      { from: id("join"), to: id("switch") },
      { from: id("switch"), to: id("s0"), output: "0" },
      { from: id("switch"), to: id("sf"), output: "fallback" },
      { from: id("s0"), to: id("join2") },
      { from: id("sf"), to: id("join2") },
    );
    previous = id("join2");
  }
  for (let t = 0; t < 4; t++) {
    set(`tail${t}`, { [`tail${t}`]: expressions ? `{{ $json.step${t} }}` : t });
    connections.push({ from: previous, to: `tail${t}` });
    previous = `tail${t}`;
  }
  const checked = validateWorkflow({ nodes, connections });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.workflow;
}

const trigger: TriggerPayload = {
  method: "POST",
  path: "bench",
  query: {},
  headers: { "content-type": "application/json" },
  body: { amount: 250, tier: "gold", customer: { name: "Ada" } },
};

async function measure(label: string, workflow: ValidatedWorkflow) {
  const first = await runWorkflow(workflow, { triggerNodeId: "hook", trigger });
  if (first.status !== "completed") throw new Error(`${label}: run ${first.status}: ${first.error?.message ?? ""}`);
  const nodesPerRun = first.executionPath.length;
  for (let i = 0; i < WARMUP; i++) await runWorkflow(workflow, { triggerNodeId: "hook", trigger });
  const samples = new Float64Array(RUNS);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await runWorkflow(workflow, { triggerNodeId: "hook", trigger });
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  const mean = samples.reduce((sum, v) => sum + v, 0) / RUNS;
  const at = (q: number) => samples[Math.min(RUNS - 1, Math.floor(q * RUNS))] ?? NaN;
  const fmt = (us: number) => us.toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(12)} ${String(workflow.plan.steps.length).padStart(3)} nodes, ${nodesPerRun} run | per run µs: mean ${fmt(mean)} p50 ${fmt(at(0.5))} p99 ${fmt(at(0.99))}` +
      ` | per node µs: mean ${fmt(mean / nodesPerRun)} p50 ${fmt(at(0.5) / nodesPerRun)} p99 ${fmt(at(0.99) / nodesPerRun)}`,
  );
}

async function main() {
  console.log(`engine bench: ${RUNS} runs after ${WARMUP} warm-up, node ${process.version}`);
  await measure("literal", buildWorkflow(false));
  await measure("expressions", buildWorkflow(true));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
