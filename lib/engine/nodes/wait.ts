import { z } from "zod";
import { defineNode } from "../node-handler";

const waitParameters = z.object({
  // Milliseconds, or an expression yielding them. The server's limits.maxWaitMs bounds it at run
  // time, since the limit is a deployment setting the saved workflow cannot know.
  ms: z.union([z.number().int().min(0), z.string().regex(/\{\{/, "must be a number or a {{ }} expression")]),
});

export const wait = defineNode({
  type: "wait",
  outputs: ["main"],
  parameters: waitParameters,
  expressionParameters: ["ms"],
  execute: async (ctx) => {
    const ms = toDelay(ctx.parameters.ms);
    const max = ctx.limits.maxWaitMs;
    if (ms > max) throw new Error(`wait: ${ms} ms is longer than the server limit of ${max} ms (limits.maxWaitMs)`);
    // A resumed wait counts from when it first started, not from the resume.
    const since = (ctx.resumedFrom ?? ctx.now()).getTime();
    const remaining = since + ms - ctx.now().getTime();
    // Long waits park the run (no process holds it) when the caller can store and resume it.
    if (ctx.park && ctx.parkAfterMs !== undefined && remaining > ctx.parkAfterMs) ctx.park(new Date(since + ms));
    // Rejects as soon as the run is cancelled or the node times out.
    if (remaining > 0) await ctx.sleep(remaining);
    return { data: ctx.input };
  },
});

function toDelay(value: unknown): number {
  const ms = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof ms === "number" && Number.isInteger(ms) && ms >= 0) return ms;
  throw new Error(`wait: ms must be a whole number of milliseconds >= 0, got ${JSON.stringify(value) ?? "undefined"}`);
}
