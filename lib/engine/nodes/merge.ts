import { z } from "zod";
import { isPlainObject } from "../expressions";
import { defineNode, type NodeInput } from "../node-handler";
import { checkDotPath } from "../object-path";

// A join. The engine runs a node after all its parents have settled, and with every taken incoming
// connection in `ctx.inputs`; branches that were not taken are simply absent, so they never block.

const mergeParameters = z
  .object({
    mode: z.enum(["append", "mergeByKey", "passFirst"]).default("append"),
    // Dot path of the field that pairs items in mergeByKey mode, e.g. "id" or "order.id".
    key: z
      .string()
      .min(1)
      .superRefine((path, ctx) => {
        const problem = checkDotPath(path);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
  })
  .strict()
  .superRefine((parameters, ctx) => {
    if (parameters.mode === "mergeByKey" && parameters.key === undefined) {
      ctx.addIssue({ code: "custom", path: ["key"], message: 'is required when mode is "mergeByKey"' });
    }
  });

export const merge = defineNode({
  type: "merge",
  outputs: ["main"],
  parameters: mergeParameters,
  execute: (ctx) => {
    const { mode, key } = ctx.parameters;
    if (mode === "passFirst") return { data: ctx.input };
    if (mode === "append") return { data: ctx.inputs.map((input) => input.data) };
    return { data: mergeByKey(ctx.inputs, key as string) };
  },
});

/**
 * Items (objects, or the objects in arrays) with equal key values are merged shallowly, later
 * inputs overriding earlier ones; the result keeps the order in which keys first appeared. Items
 * without the key cannot be paired and are kept as they are.
 */
function mergeByKey(inputs: readonly NodeInput[], key: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const slotByKey = new Map<string, number>();
  for (const input of inputs) {
    for (const item of itemsOf(input)) {
      const value = getPath(item, key);
      if (value === undefined) {
        out.push(item);
        continue;
      }
      // JSON keeps 1 and "1" apart, and lets objects be keys by value.
      const id = JSON.stringify(value);
      const slot = slotByKey.get(id);
      if (slot === undefined) {
        slotByKey.set(id, out.length);
        out.push({ ...item });
      } else {
        out[slot] = { ...out[slot], ...item };
      }
    }
  }
  return out;
}

function itemsOf(input: NodeInput): Record<string, unknown>[] {
  const list: unknown[] = Array.isArray(input.data) ? input.data : [input.data];
  return list.map((item, i) => {
    if (isPlainObject(item)) return item;
    const where = Array.isArray(input.data) ? `item ${i} of the input from "${input.from}"` : `the input from "${input.from}"`;
    throw new Error(`merge: ${where} is ${item === null ? "null" : Array.isArray(item) ? "an array" : `a ${typeof item}`}; mergeByKey needs objects`);
  });
}

function getPath(item: Record<string, unknown>, path: string): unknown {
  let current: unknown = item;
  for (const segment of path.split(".")) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}
