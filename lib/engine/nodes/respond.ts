import { z } from "zod";
import { defineNode } from "../node-handler";
import { headerNameProblem, headerValueProblem, responseHeadersProblem } from "../response-headers";

const expression = z.string().regex(/\{\{/, "must be a number or a {{ }} expression");

// Refused names and literal values fail at save; values from expressions are checked at run time.
const headers = z.record(z.string(), z.string()).superRefine((record, ctx) => {
  for (const [name, value] of Object.entries(record)) {
    const problem = headerNameProblem(name) ?? (value.includes("{{") ? undefined : headerValueProblem(name, value));
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: [name] });
  }
});

// 1xx are interim answers, not a final response (the HTTP layer refuses them).
const respondParameters = z.object({
  status: z.union([z.number().int().min(200).max(599), expression]).default(200),
  headers: headers.default({}),
  // Absent means "respond with this node's input".
  body: z.unknown().optional(),
});

export const respond = defineNode({
  type: "respond",
  outputs: ["main"],
  parameters: respondParameters,
  expressionParameters: ["status", "headers", "body"],
  execute: (ctx) => {
    const { status, headers, body } = ctx.parameters;
    const response = {
      status: toStatus(status),
      headers: toHeaders(headers),
      body: body === undefined ? ctx.input : body,
    };
    return { data: response.body, response };
  },
});

// Expressions can produce anything, so the resolved values are checked here rather than in the schema.
function toStatus(value: unknown): number {
  const status = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof status === "number" && Number.isInteger(status) && status >= 200 && status <= 599) return status;
  throw new Error(`respond: status must be an integer from 200 to 599, got ${JSON.stringify(value) ?? "undefined"}`);
}

function toHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // An expression that yields nothing drops the header instead of sending "undefined".
    if (value === undefined || value === null) continue;
    out[name] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  // The node fails here, so the run is recorded as failed and the sender gets its 500: a header
  // the HTTP layer would refuse must never surface after a 2xx was recorded.
  const problem = responseHeadersProblem(out);
  if (problem) throw new Error(`respond: ${problem}`);
  return out;
}
