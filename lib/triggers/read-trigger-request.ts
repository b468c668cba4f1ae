import type { TriggerPayload } from "@/lib/engine/types";
import { assertStorableText } from "@/lib/api/storable-text";
import { parseBody, type BodyLimits } from "./parse-body";
import { REDACTED, redactHeaders } from "./redact-headers";
import { secretHeaderNames, type WebhookAuth } from "./verify-signature";

// Per webhook: the shared list (redact-headers.ts), the header this webhook's secret travels in,
// and any value that carries the secret itself (a sender that also puts it in a query string
// or another header).
export function redactor(auth: WebhookAuth) {
  const extra = new Set(secretHeaderNames(auth));
  const secret = auth.secret;
  const leaks = (value: string) => secret !== null && value.includes(secret);
  return {
    headers(headers: Headers): Record<string, string> {
      return redactHeaders(headers, { extra, leaks });
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
