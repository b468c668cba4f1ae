import { z } from "zod";
import { isPlainObject } from "../expressions";
import { defineNode } from "../node-handler";
import { checkDotPath, removePath, setPath } from "../object-path";

const dotPath = z.string().superRefine((path, ctx) => {
  const problem = checkDotPath(path);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

// Keys are checked on the raw input, before the record schema: zod reports a bad record key only as
// "Invalid key in record", and a JSON "__proto__" key never reaches its output to be checked.
const fieldsSchema = z
  .unknown()
  .superRefine((fields, ctx) => {
    if (typeof fields !== "object" || fields === null) return;
    for (const path of Object.keys(fields)) {
      const problem = checkDotPath(path);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, path: [path] });
    }
  })
  .pipe(z.record(z.string(), z.unknown()));

const setParameters = z.object({
  // Keys are dot paths ("customer.name"); values may be expressions.
  fields: fieldsSchema,
  remove: z.array(dotPath).default([]),
  keepInput: z.boolean().default(true),
});

export const set = defineNode({
  type: "set",
  outputs: ["main"],
  parameters: setParameters,
  expressionParameters: ["fields"],
  execute: (ctx) => {
    const { fields, remove, keepInput } = ctx.parameters;
    let data: Record<string, unknown> = {};
    if (keepInput) {
      if (!isPlainObject(ctx.input)) {
        throw new Error(`set: input is ${describe(ctx.input)}, not an object; use keepInput: false to build a new one`);
      }
      data = ctx.input;
    }
    // Removal first, so a field that is both removed and assigned ends up assigned. Expressions were
    // evaluated against the original input, so order does not change what they see.
    for (const path of remove) data = removePath(data, path);
    for (const [path, value] of Object.entries(fields)) data = setPath(data, path, value);
    // setPath/removePath copy what they change; with no fields and nothing removed, still hand out a
    // fresh top-level object so a later node can never alias this node's input.
    return { data: data === ctx.input ? { ...data } : data };
  },
});

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
