import { AppError } from "@/lib/api/errors";
import { isJsonMediaType, parseContentType } from "@/lib/api/content-type";
import { originSettings, publicBaseUrl, type OriginSettings } from "@/lib/workflows/webhook-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refused(message: string): AppError {
  return new AppError({ code: "csrf_refused", message });
}

/**
 * CSRF: a state-changing request that a browser could send on its own (a form on another
 * site, a `no-cors` fetch) carries the victim's session cookie. SameSite=Lax stops only
 * cross-site ones; another origin of the same site (a sibling subdomain) is "same-site".
 *
 * So every unsafe request that carries cookies and does not bring its own credentials (an
 * Authorization header: API keys, the cron secret) is treated as the browser app's and must be:
 * - JSON: `application/json` cannot be sent cross-origin without a CORS preflight, which this
 *   app never grants; forms, text/plain and bodyless requests can;
 * - same-origin: `Origin` equal to the app's public origin, or, when a browser sends no Origin,
 *   `Sec-Fetch-Site: same-origin`. Neither is a header a page can set or forge in a browser.
 * A request with no cookies acts on no session: it goes on to authentication (an API client
 * without a key is told 401, not 403). Sign-in and sign-up are checked even so
 * (`evenWithoutCookies`: login CSRF signs a visitor with no cookies yet in as the attacker).
 *
 * "The app's origin" is publicBaseUrl's: APP_URL when set; else x-forwarded-host/-proto when a
 * trusted proxy (Vercel, HOOKFLOW_TRUST_PROXY=true) sets them; else the Host header. A browser
 * always sends the Host it connected to, so a foreign page cannot make Host match its Origin.
 * Without APP_URL or a trusted proxy the scheme is unknown (TLS may end at a proxy in front),
 * so only host and port are compared there.
 */
export function assertSameOriginJson(request: Request, options: { evenWithoutCookies?: boolean; settings?: OriginSettings } = {}): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers.has("authorization")) return;
  if (!options.evenWithoutCookies && !request.headers.has("cookie")) return;
  const type = parseContentTypeOrNull(request.headers.get("content-type"));
  if (!type || !isJsonMediaType(type.mediaType)) {
    throw refused("Requests signed in with the session cookie must send Content-Type: application/json (or use an API key)");
  }
  const origin = request.headers.get("origin");
  if (origin === null) {
    if (request.headers.get("sec-fetch-site") === "same-origin") return;
    throw refused("Requests signed in with the session cookie must come from the app's own origin (Origin header), or use an API key");
  }
  if (!isAppOrigin(origin, request, options.settings ?? originSettings())) {
    throw refused(`Origin ${origin.slice(0, 100)} is not this app's origin`);
  }
}

function parseContentTypeOrNull(header: string | null) {
  try {
    return parseContentType(header);
  } catch {
    return undefined;
  }
}

function isAppOrigin(origin: string, request: Request, settings: OriginSettings): boolean {
  let given: URL;
  let expected: URL;
  try {
    given = new URL(origin);
    expected = new URL(publicBaseUrl(request, settings));
  } catch {
    return false;
  }
  // "null" (sandboxed frames, file:, some redirects) parses as no URL above and is refused.
  if (given.origin === "null") return false;
  const schemeKnown = settings.appUrl !== undefined || settings.trustProxy;
  return schemeKnown ? given.origin === expected.origin : given.host === expected.host;
}
