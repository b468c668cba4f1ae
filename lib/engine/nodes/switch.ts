import { z } from "zod";
import { defineNode } from "../node-handler";

export const MAX_SWITCH_RULES = 20;

const switchParameters = z.object({
  // Ordered; each condition is usually an expression. Rule i sends the input out of output "i".
  rules: z
    .array(z.object({ condition: z.union([z.string().min(1), z.boolean()]), label: z.string().max(100).optional() }).strict())
    .min(1)
    .max(MAX_SWITCH_RULES),
});

type SwitchParameters = z.infer<typeof switchParameters>;

export const switchNode = defineNode({
  type: "switch",
  outputs: (parameters: SwitchParameters) => [...parameters.rules.map((_, i) => String(i)), "fallback"],
  parameters: switchParameters,
  // Resolved here, one rule at a time: first match wins, so later conditions are never evaluated
  // (and cannot fail on data only the earlier branch has).
  lazyExpressionParameters: ["rules"],
  execute: async (ctx) => {
    const { rules } = ctx.parameters;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as SwitchParameters["rules"][number];
      // Same truthiness as `if`: an expression that matches nothing (undefined) does not match.
      if (await ctx.expr(rule.condition, `rules[${i}].condition`)) return { data: ctx.input, output: String(i) };
    }
    return { data: ctx.input, output: "fallback" };
  },
});
