import type { TriggerPayload } from "@/lib/engine/types";
import { assertStorableText } from "@/lib/api/storable-text";
import { parseBody, type BodyLimits } from "./parse-body";
import { GITHUB_SIGNATURE_HEADER, HOOKFLOW_SIGNATURE_HEADER, secretHeaderNames, type WebhookAuth } from "./verify-signature";

// Never stored: credentials and signatures in the request headers.
const REDACTED_HEADERS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  HOOKFLOW_SIGNATURE_HEADER,
  "x-hub-signature",
  GITHUB_SIGNATURE_HEADER,
];

const REDACTED = "[redacted]";

// Per webhook: the fixed list, the header this webhook's secret travels in, and any value
// that carries the secret itself (a sender that also puts it in a query string or another header).
export function redactor(auth: WebhookAuth) {
  const names = new Set([...REDACTED_HEADERS, ...secretHeaderNames(auth)]);
  const secret = auth.secret;
  const leaks = (value: string) => secret !== null && value.includes(secret);
  return {
    headers(headers: Headers): Record<string, string> {
      const out: Record<string, string> = {};
      headers.forEach((value, name) => {
        out[name] = names.has(name) || leaks(value) ? REDACTED : value;
      });
      return out;
    },
    query(url: URL): Record<string, string | string[]> {
      const out: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key).map((v) => (leaks(v) ? REDACTED : v));
        out[key] = values.length === 1 ? (values[0] as string) : values;
      }
      return out;
    },
  };
}

// The trigger data a run sees and the execution stores. `bytes` is the raw body, already
// size-limited and (for signed webhooks) verified.
export async function readTriggerRequest(
  request: Request,
  webhook: { path: string; auth: WebhookAuth },
  bytes: Uint8Array,
  limits: BodyLimits,
): Promise<TriggerPayload> {
  const body = await parseBody(bytes, request.headers.get("content-type"), limits);
  // NUL and unpaired surrogates cannot be stored (jsonb); refused like in every API body
  // (lib/api/storable-text.ts). The query was checked by the route guard; header values
  // cannot carry either.
  assertStorableText(body, "body");
  const redact = redactor(webhook.auth);
  return { method: request.method, path: webhook.path, query: redact.query(new URL(request.url)), headers: redact.headers(request.headers), body };
}
