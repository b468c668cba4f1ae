import { z } from "zod";
import { sendHttpRequest, type HttpClientOptions, type HttpResponse } from "../net/http-client";
import { defineNode } from "../node-handler";

// Network access is this node's deliberate capability, like a timer is wait's: the I/O stays
// behind HttpClientOptions, so the server decides what is reachable and tests inject a resolver.

export const HTTP_LIMITS = {
  defaultTimeoutMs: 10_000,
  maxTimeoutMs: 120_000,
  defaultMaxResponseBytes: 1024 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
} as const;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const httpRequestParameters = z.object({
  // A string so it can be an expression; checked against METHODS once resolved.
  method: z.string().default("GET"),
  url: z.string().min(1, "url must not be empty"),
  headers: z.record(z.string().min(1), scalar).default({}),
  query: z.record(z.string().min(1), scalar).default({}),
  body: z.unknown().optional(),
  timeoutMs: z.number().int().min(1).max(HTTP_LIMITS.maxTimeoutMs).default(HTTP_LIMITS.defaultTimeoutMs),
  responseType: z.enum(["auto", "json", "text"]).default("auto"),
  maxResponseBytes: z.number().int().min(1).max(HTTP_LIMITS.maxResponseBytes).default(HTTP_LIMITS.defaultMaxResponseBytes),
  failOnHttpError: z.boolean().default(true),
  // Runs are at least once: a node in flight when its process died runs again on resume. With
  // this on, every try of this node in this run sends the same `Idempotency-Key`
  // (<execution id>:<node id>), so the receiver can drop the repeat.
  idempotencyKey: z.boolean().default(false),
});

export class HttpStatusError extends Error {
  override name = "HttpStatusError";
}

/**
 * `options` are the server's defaults. A run may carry its own as `network` on the node context
 * (the engine passes it through from its run options); those win.
 */
export function createHttpRequestNode(options: HttpClientOptions = {}) {
  return defineNode({
    type: "httpRequest",
    outputs: ["main"],
    parameters: httpRequestParameters,
    expressionParameters: ["method", "url", "headers", "query", "body"],
    execute: async (ctx) => {
      const p = ctx.parameters;
      const method = toMethod(p.method);
      const url = toUrl(p.url, p.query);
      const headers = toHeaders(p.headers);
      if (p.idempotencyKey && !Object.keys(headers).some((h) => h.toLowerCase() === "idempotency-key")) headers["Idempotency-Key"] = `${ctx.runId ?? "run"}:${ctx.node.id}`;
      const body = encodeBody(p.body, headers);
      // The run's policy (server setting) decides; test doubles (resolver, transport) stay.
      const network: HttpClientOptions = ctx.network ? { ...options, ...ctx.network } : options;
      const response = await sendHttpRequest(
        { method, url, headers, ...(body === undefined ? {} : { body }), timeoutMs: p.timeoutMs, maxResponseBytes: p.maxResponseBytes },
        network,
        ctx.signal,
      );
      if (p.failOnHttpError && response.status >= 400) {
        const snippet = response.body.toString("utf8", 0, 200);
        throw new HttpStatusError(`HTTP ${response.status} ${response.statusText} from ${method} ${response.url}${snippet === "" ? "" : `: ${snippet}`}`);
      }
      return { data: { status: response.status, headers: response.headers, body: decodeBody(response, p.responseType) } };
    },
  });
}

export const httpRequest = createHttpRequestNode();

function toMethod(value: unknown): string {
  const method = typeof value === "string" ? value.trim().toUpperCase() : value;
  if (typeof method === "string" && (METHODS as readonly string[]).includes(method)) return method;
  throw new Error(`httpRequest: method must be one of ${METHODS.join(", ")}, got ${JSON.stringify(value) ?? "undefined"}`);
}

function toUrl(value: unknown, query: Record<string, unknown>): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(`httpRequest: url must be a non-empty string, got ${JSON.stringify(value) ?? "undefined"}`);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`httpRequest: invalid url ${JSON.stringify(value)}`);
  }
  for (const [name, item] of Object.entries(query)) {
    // An expression that yields nothing drops the parameter; an array repeats it (?tag=a&tag=b).
    for (const one of Array.isArray(item) ? (item as unknown[]) : [item]) {
      if (one !== undefined && one !== null) url.searchParams.append(name, stringify(one));
    }
  }
  return url.href;
}

function toHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) out[name] = stringify(value);
  }
  return out;
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Strings are sent as they are; any other value as JSON. Sets a content-type only when none is given. */
function encodeBody(body: unknown, headers: Record<string, string>): string | undefined {
  if (body === undefined || body === null) return undefined;
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  if (typeof body === "string") {
    if (!hasType) headers["content-type"] = "text/plain; charset=utf-8";
    return body;
  }
  if (!hasType) headers["content-type"] = "application/json";
  return JSON.stringify(body);
}

function decodeBody(response: HttpResponse, responseType: "auto" | "json" | "text"): unknown {
  const text = response.body.toString("utf8");
  const isJson = /(^|\/|\+)json\b/i.test(response.headers["content-type"] ?? "");
  if (responseType === "text") return text;
  if (responseType === "auto" && !isJson) return text;
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // In auto mode the content-type only suggested JSON; the text is still the honest answer.
    if (responseType === "auto") return text;
    throw new Error(`httpRequest: response is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
