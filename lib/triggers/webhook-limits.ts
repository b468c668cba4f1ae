import { z } from "zod";
import type { WebhookParameters } from "@/lib/engine/nodes/webhook";
import type { ValidatedWorkflow } from "@/lib/engine/types";
import { webhookEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

export type RateLimit = { limit: number; windowSeconds: number };

/** What one webhook call must respect; an absent field costs nothing on the request path. */
export type WebhookLimits = { rate?: RateLimit; maxConcurrency?: number; responseDeadlineMs?: number };

const WINDOW_SECONDS = { second: 1, minute: 60 } as const;

const rateLimitSchema = z.object({ limit: z.number().int().positive().max(1_000_000), per: z.enum(["second", "minute"]) }).strict();

// The load-limit keys of a workflow's `settings`; other keys are left to their owners.
// Checked on save (lib/workflows/workflow-input.ts) and read from the cached version here.
export const workflowLimitSettingsSchema = z.object({
  // RUNNING executions of this workflow (overrides WEBHOOK_MAX_CONCURRENCY).
  maxConcurrency: z.number().int().positive().max(100_000).optional(),
  // By webhook node id: requests per second/minute on that node's path (overrides WEBHOOK_RATE_LIMIT).
  rateLimits: z.record(z.string(), rateLimitSchema).optional(),
});

type WorkflowLimitSettings = z.infer<typeof workflowLimitSettingsSchema>;

// Versions are immutable and cached, so their settings are parsed once per version.
const parsedSettings = new WeakMap<ValidatedWorkflow, WorkflowLimitSettings>();

function limitSettings(workflow: ValidatedWorkflow): WorkflowLimitSettings {
  let settings = parsedSettings.get(workflow);
  if (!settings) {
    const parsed = workflowLimitSettingsSchema.safeParse(workflow.settings ?? {});
    // Only versions saved before these settings were validated can fail; they run unlimited.
    if (!parsed.success) logger.warn("ignoring invalid load-limit settings of a saved workflow version", { issues: parsed.error.issues });
    settings = parsed.success ? parsed.data : {};
    parsedSettings.set(workflow, settings);
  }
  return settings;
}

function envRateLimit(value: string | undefined): RateLimit | undefined {
  if (!value) return undefined;
  const [limit, per] = value.split("/") as [string, keyof typeof WINDOW_SECONDS];
  return { limit: Number(limit), windowSeconds: WINDOW_SECONDS[per] };
}

/** A webhook node's parameters, as validated into the workflow's plan. */
export function webhookParameters(workflow: ValidatedWorkflow, nodeId: string): WebhookParameters | undefined {
  return workflow.plan.steps.find((step) => step.node.id === nodeId)?.parameters as WebhookParameters | undefined;
}

export function webhookLimits(workflow: ValidatedWorkflow, nodeId: string): WebhookLimits {
  const env = webhookEnv();
  const settings = limitSettings(workflow);
  const node = settings.rateLimits?.[nodeId];
  const params = webhookParameters(workflow, nodeId);
  const limits: WebhookLimits = {};
  const rate = node ? { limit: node.limit, windowSeconds: WINDOW_SECONDS[node.per] } : envRateLimit(env.WEBHOOK_RATE_LIMIT);
  if (rate) limits.rate = rate;
  const maxConcurrency = settings.maxConcurrency ?? env.WEBHOOK_MAX_CONCURRENCY;
  if (maxConcurrency !== undefined) limits.maxConcurrency = maxConcurrency;
  if (params?.responseDeadlineMs !== undefined && params.responseMode !== "immediately") limits.responseDeadlineMs = params.responseDeadlineMs;
  return limits;
}
