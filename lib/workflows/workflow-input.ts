import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { engineEnv } from "@/lib/env";
import type { ValidatedWorkflow } from "@/lib/engine/types";
import { workflowLimitSettingsSchema } from "@/lib/triggers/webhook-limits";

export const workflowInputSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  nodes: z.array(z.unknown()),
  connections: z.array(z.unknown()).default([]),
  // Free-form, except the load-limit keys (maxConcurrency, rateLimits), checked so a typo is a 400.
  settings: z.record(z.string(), z.unknown()).superRefine((settings, ctx) => {
    const parsed = workflowLimitSettingsSchema.safeParse(settings);
    for (const issue of parsed.success ? [] : parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }).default({}),
  active: z.boolean().optional(),
});

export type WorkflowInput = z.infer<typeof workflowInputSchema>;

// Shape first (zod), then the engine's own validation (types, graph, parameters):
// a bad definition is a 400 naming the problem, and nothing is saved.
export function parseWorkflowInput(body: unknown): { input: WorkflowInput; workflow: ValidatedWorkflow } {
  const input = workflowInputSchema.parse(body);
  const checked = validateWorkflow({ nodes: input.nodes, connections: input.connections, settings: input.settings }, { maxNodes: engineEnv().HOOKFLOW_MAX_NODES });
  if (!checked.ok) {
    const message = checked.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    throw new AppError({ code: "bad_request", message: `Invalid workflow: ${message}`, details: checked.issues });
  }
  return { input, workflow: checked.workflow };
}
