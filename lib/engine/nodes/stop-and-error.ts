import { z } from "zod";
import { defineNode } from "../node-handler";

/** Named so that a run stopped on purpose is distinguishable from a node that broke. */
export class StopAndError extends Error {
  override name = "StopAndError";
}

const stopAndErrorParameters = z.object({
  message: z.string().min(1).max(2000),
});

export const stopAndError = defineNode({
  type: "stopAndError",
  outputs: ["main"],
  parameters: stopAndErrorParameters,
  expressionParameters: ["message"],
  execute: (ctx) => {
    const { message } = ctx.parameters;
    const text = typeof message === "string" ? message : (JSON.stringify(message) ?? "stopped");
    throw new StopAndError(text);
  },
});
