import { z } from "zod";
import { db } from "@/lib/db";
import { retentionEnv } from "@/lib/env";

export const retentionInputSchema = z
  .object({
    maxAgeDays: z.number().int().min(1).max(3650),
    // null: no count limit
    maxExecutionsPerWorkflow: z.number().int().min(1).max(1_000_000).nullable(),
    // true: past the limits, keep the row (status, timing, node statuses) and drop the payloads
    dropPayloadOnly: z.boolean(),
  })
  .partial()
  .strict();

export type RetentionSettings = { maxAgeDays: number; maxExecutionsPerWorkflow: number | null; dropPayloadOnly: boolean };

const select = { maxAgeDays: true, maxExecutionsPerWorkflow: true, dropPayloadOnly: true } as const;

/** A user without a saved row gets the server defaults (HOOKFLOW_RETENTION_DAYS). */
export function defaultRetention(): RetentionSettings {
  return { maxAgeDays: retentionEnv().HOOKFLOW_RETENTION_DAYS, maxExecutionsPerWorkflow: null, dropPayloadOnly: false };
}

export async function getRetentionSettings(userId: string): Promise<RetentionSettings> {
  return (await db().retentionSettings.findUnique({ where: { userId }, select })) ?? defaultRetention();
}

// A partial update: omitted fields keep their current (or default) value.
export async function updateRetentionSettings(userId: string, input: z.infer<typeof retentionInputSchema>): Promise<RetentionSettings> {
  const next = { ...(await getRetentionSettings(userId)), ...input };
  return db().retentionSettings.upsert({ where: { userId }, create: { userId, ...next }, update: next, select });
}
