import { RAW_PATH_HEADER } from "@/lib/api/request-path";
import { GITHUB_SIGNATURE_HEADER, HOOKFLOW_SIGNATURE_HEADER } from "./verify-signature";

// The one redaction list for headers we store: the trigger request of a run, the answer a
// sender got (lib/triggers/sender-response.ts) and samples of refused requests
// (lib/deliveries/). Credentials, cookies and signatures by name, plus any header whose name
// says it carries a secret.
const REDACTED_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  HOOKFLOW_SIGNATURE_HEADER,
  "x-hub-signature",
  GITHUB_SIGNATURE_HEADER,
]);

const SECRET_WORDS = /secret|token|signature|password/i;

// Headers this server adds to a request itself (lib/api/raw-path.ts): not what the sender sent,
// so never stored or shown (a "copy as curl" would replay them).
const INTERNAL_HEADERS: ReadonlySet<string> = new Set([RAW_PATH_HEADER]);

export const REDACTED = "[redacted]";

/** True for a header name that is never stored as sent. Names are compared lower-case. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return REDACTED_HEADERS.has(lower) || SECRET_WORDS.test(lower);
}

/** Headers as a plain object, secret ones (and `extra` names, and values `leaks` flags) redacted, internal ones left out. */
export function redactHeaders(
  headers: Headers | Record<string, string>,
  options: { extra?: ReadonlySet<string>; leaks?: (value: string) => boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (value: string, name: string) => {
    const lower = name.toLowerCase();
    if (INTERNAL_HEADERS.has(lower)) return;
    out[lower] = isSecretHeader(lower) || options.extra?.has(lower) || options.leaks?.(value) ? REDACTED : value;
  };
  if (headers instanceof Headers) headers.forEach(put);
  else for (const [name, value] of Object.entries(headers)) put(value, name);
  return out;
}
