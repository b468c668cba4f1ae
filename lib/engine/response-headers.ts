// What a webhook response may carry. A webhook answers on the app's own origin (unless
// HOOKFLOW_WEBHOOK_ORIGIN moves it), so a header a workflow author picks is a header the app
// sends: docs/security/webhook-responses.md explains each rule. Pure, so the respond node
// checks it at save and at run time, and the HTTP edge (lib/triggers/webhook-answer.ts) again.

/**
 * Set on every webhook response, errors included, last (nothing overrides them). `sandbox` gives
 * an HTML answer an opaque origin with scripts, forms, popups and plugins off: it cannot use the
 * app's cookies or storage, call its API with them, or register a service worker.
 */
export const WEBHOOK_RESPONSE_SECURITY_HEADERS = {
  "content-security-policy": "sandbox",
  "x-content-type-options": "nosniff",
} as const satisfies Record<string, string>;

/**
 * Headers the app sets on every response of every route (next.config.js `headers()`): Next keeps
 * the first value of a header, so a node's own would be silently dropped. Checked against
 * next.config.js in response-headers.test.ts.
 */
export const APP_WIDE_RESPONSE_HEADERS = ["referrer-policy", "x-frame-options", "strict-transport-security"] as const;

// Why each name is refused; the message is what a workflow author reads.
const REFUSED: Record<string, string> = {
  "set-cookie": "would set cookies for the app's origin",
  "set-cookie2": "would set cookies for the app's origin",
  "content-security-policy-report-only": "the app sets the webhook response's Content-Security-Policy",
  "service-worker-allowed": "would let a service worker control the app's pages",
  "clear-site-data": "would clear the app's cookies and storage in the visitor's browser",
  "access-control-allow-credentials": "would let other sites read responses with the visitor's cookies",
  // Origin-wide browser state: one response would change it for every page of the app.
  "origin-agent-cluster": "applies to the app's whole origin",
  nel: "applies to the app's whole origin",
  "report-to": "applies to the app's whole origin",
  "alt-svc": "applies to the app's whole origin",
  "set-login": "applies to the app's whole origin",
  // The message framing belongs to the server, not to the workflow.
  "content-length": "is computed by the server",
  "content-encoding": "is set by the server (the body is not encoded)",
  connection: "is a hop-by-hop header",
  "keep-alive": "is a hop-by-hop header",
  "transfer-encoding": "is a hop-by-hop header",
  upgrade: "is a hop-by-hop header",
  te: "is a hop-by-hop header",
  trailer: "is a hop-by-hop header",
  ...Object.fromEntries(Object.keys(WEBHOOK_RESPONSE_SECURITY_HEADERS).map((name) => [name, "is set by the app on every webhook response"])),
  ...Object.fromEntries(APP_WIDE_RESPONSE_HEADERS.map((name) => [name, "is set by the app on every response"])),
};

// RFC 9110 token: what a header name may be.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 field-value: visible ASCII, obs-text, space and tab. No CR, LF, NUL or other controls.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Why a header name may not be set by a workflow, or undefined when it may. */
export function headerNameProblem(name: string): string | undefined {
  if (!TOKEN.test(name)) return `header name ${JSON.stringify(name)} is not a valid HTTP header name`;
  const lower = name.toLowerCase();
  const reason = REFUSED[lower] ?? (lower.startsWith("proxy-") ? "is a hop-by-hop header" : undefined);
  return reason ? `header "${lower}" is not allowed: it ${reason}` : undefined;
}

export function headerValueProblem(name: string, value: string): string | undefined {
  if (FIELD_VALUE.test(value)) return undefined;
  return `header "${name.toLowerCase()}" has an invalid value: header values may not contain CR, LF, NUL or other control characters, nor characters above U+00FF`;
}

/** The first problem with a set of response headers, or undefined when all may be sent. */
export function responseHeadersProblem(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}
