import { z } from "zod";
import { defineNode } from "../node-handler";

const ifParameters = z.object({
  // Usually an expression such as "{{ $json.total > 100 }}"; a literal boolean is allowed for tests
  // and for temporarily pinning a branch.
  condition: z.union([z.string().min(1), z.boolean()]),
});

export const ifNode = defineNode({
  type: "if",
  outputs: ["true", "false"],
  parameters: ifParameters,
  expressionParameters: ["condition"],
  // The input passes through unchanged; only the branch differs. JavaScript truthiness, so an
  // expression that matches nothing (undefined) takes the "false" branch.
  execute: (ctx) => ({ data: ctx.input, output: ctx.parameters.condition ? "true" : "false" }),
});
