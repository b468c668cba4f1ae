import { AppError } from "@/lib/api/errors";
import type { TriggerPayload } from "@/lib/engine/types";
import { parseBody } from "./parse-body";

// Never stored: credentials and signatures in the request headers.
const REDACTED_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-hookflow-signature",
  "x-hub-signature",
  "x-hub-signature-256",
]);

export const MAX_BODY_BYTES = 1024 * 1024;

export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = REDACTED_HEADERS.has(name) ? "[redacted]" : value;
  });
  return out;
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    throw new AppError({ code: "payload_too_large", message: `Body is larger than ${MAX_BODY_BYTES} bytes` });
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new AppError({ code: "payload_too_large", message: `Body is larger than ${MAX_BODY_BYTES} bytes` });
  }
  return bytes;
}

export async function readTriggerRequest(request: Request, path: string): Promise<TriggerPayload> {
  const url = new URL(request.url);
  const bytes = await readLimited(request);
  const body = await parseBody(bytes, request.headers.get("content-type"));
  return { method: request.method, path, query: queryObject(url), headers: redactHeaders(request.headers), body };
}
