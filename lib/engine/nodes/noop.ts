import { z } from "zod";
import { defineNode } from "../node-handler";

// A placeholder or a named junction in a diagram: passes its input through unchanged.
export const noop = defineNode({
  type: "noop",
  outputs: ["main"],
  parameters: z.object({}).strict(),
  execute: (ctx) => ({ data: ctx.input }),
});
