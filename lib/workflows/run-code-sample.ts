import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { runWorkflow } from "@/lib/engine/run-workflow";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import type { TriggerPayload } from "@/lib/engine/types";
import { engineRunSettings } from "@/lib/executions/engine-settings";

export const runCodeSampleInput = z.object({
  /** The code node's parameters as the builder has them (unsaved is fine). */
  parameters: z.record(z.string(), z.unknown()),
  /** What the node receives as `$json`: its input in the sample run. */
  input: z.unknown().default(null),
  trigger: z
    .object({
      method: z.string().default("POST"),
      path: z.string().default("sample"),
      query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
      headers: z.record(z.string(), z.string()).default({}),
      body: z.unknown().default(null),
    })
    .default({ method: "POST", path: "sample", query: {}, headers: {}, body: null }),
});

export type RunCodeSampleInput = z.infer<typeof runCodeSampleInput>;

// "Run with sample input" for the code node: the real engine and the same QuickJS sandbox as a
// run, nothing saved. The sample input reaches the node as its real input by going through a code
// node that returns it as a literal (JSON is JavaScript), so no other node type's semantics (a
// set node would evaluate "{{" in the data) come into play.
export async function runCodeSample(userId: string, workflowId: string, body: RunCodeSampleInput) {
  const owned = await db().workflow.findFirst({ where: { id: workflowId, userId }, select: { id: true } });
  if (!owned) throw new AppError({ code: "not_found", message: "Workflow not found" });
  const checked = validateWorkflow({
    nodes: [
      { id: "trigger", type: "webhook", parameters: { path: "sample" } },
      { id: "input", type: "code", parameters: { source: `return ${JSON.stringify(body.input ?? null)};` } },
      { id: "code", type: "code", parameters: body.parameters },
    ],
    connections: [
      { from: "trigger", to: "input" },
      { from: "input", to: "code" },
    ],
  });
  if (!checked.ok) {
    const issues = checked.issues.map((i) => ({ path: i.path.replace(/^nodes\[2\]\./, ""), message: i.message }));
    throw new AppError({ code: "bad_request", message: `Invalid code node: ${issues.map((i) => i.message).join("; ")}`, details: issues });
  }
  const { limits, network } = engineRunSettings();
  const result = await runWorkflow(checked.workflow, { triggerNodeId: "trigger", trigger: body.trigger as TriggerPayload, limits, network, tenant: userId });
  const node = result.nodeResults.find((r) => r.nodeId === "code");
  const inputError = result.nodeResults.find((r) => r.nodeId === "input")?.error;
  if (!node) throw new AppError({ code: "unprocessable", message: inputError?.message ?? result.error?.message ?? "The code node did not run" });
  return { status: node.status, output: node.data, error: node.error ?? null, logs: node.logs ?? [], durationMs: node.durationMs };
}
