import { z } from "zod";
import type { NodeSettings, StepSettings } from "./types";

// Per-node settings live in `node.settings`, apart from `parameters`, because they mean the same
// thing on every node type and the engine (not the handler) applies them.

const HOUR_MS = 60 * 60_000;

export const nodeSettingsSchema = z
  .object({
    retryOnFail: z
      .object({
        maxTries: z.number().int().min(1).max(10),
        waitMs: z.number().int().min(0).max(HOUR_MS).default(1000),
        // Each wait is the previous one times this factor: 1 = constant, 2 = doubling.
        backoff: z.number().min(1).max(10).default(1),
      })
      .strict()
      .optional(),
    continueOnFail: z.boolean().default(false),
    timeoutMs: z.number().int().min(1).max(HOUR_MS).optional(),
  })
  // Strict so that a misspelt setting ("retry", "timeout") is reported instead of silently ignored.
  .strict();

export const DEFAULT_STEP_SETTINGS: StepSettings = { retry: undefined, continueOnFail: false, timeoutMs: undefined };

/** Settings that already passed `nodeSettingsSchema`, with defaults applied. */
export function toStepSettings(settings: z.output<typeof nodeSettingsSchema> | NodeSettings | undefined): StepSettings {
  if (settings === undefined) return DEFAULT_STEP_SETTINGS;
  const retry = settings.retryOnFail;
  return {
    retry: retry === undefined ? undefined : { maxTries: retry.maxTries, waitMs: retry.waitMs ?? 1000, backoff: retry.backoff ?? 1 },
    continueOnFail: settings.continueOnFail ?? false,
    timeoutMs: settings.timeoutMs,
  };
}

/** The delay before try number `nextTry` (2 = the first retry). */
export function retryDelay(retry: NonNullable<StepSettings["retry"]>, nextTry: number): number {
  return Math.round(retry.waitMs * retry.backoff ** (nextTry - 2));
}
