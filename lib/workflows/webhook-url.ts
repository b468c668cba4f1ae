import { AppError } from "@/lib/api/errors";
import { appEnv } from "@/lib/env";

export function webhookUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/webhooks/${path}`;
}

/** Where webhook URLs point: the dedicated webhook origin when one is set, else the app's. */
export function webhookBaseUrl(appBaseUrl: string): string {
  return appEnv().HOOKFLOW_WEBHOOK_ORIGIN ?? appBaseUrl;
}

// A host as it may appear in a Host header: a name or IPv4 with an optional port, or a
// bracketed IPv6. Anything else (a path, a user, spaces) is refused rather than echoed into URLs.
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

// Proxies append to these lists; the first entry is what the client asked for.
function firstValue(header: string | null): string | undefined {
  const first = header?.split(",")[0]?.trim();
  return first ? first : undefined;
}

export type OriginSettings = { appUrl: string | undefined; trustProxy: boolean };

export function originSettings(): OriginSettings {
  const env = appEnv();
  // Vercel's edge always sets x-forwarded-host/-proto (overwriting the client's); elsewhere only
  // the operator knows whether a proxy in front does, so it is opt-in.
  return { appUrl: env.APP_URL, trustProxy: env.VERCEL === "1" || env.HOOKFLOW_TRUST_PROXY === "true" };
}

/**
 * The origin users and senders should call: APP_URL when set; else the forwarded host and
 * protocol when a trusted proxy set them; else the request's Host header. Never the address the
 * server is bound to (Next builds request.url from it: `http://localhost:3000` behind any proxy).
 * Used for webhook URLs, the deadline statusUrl and Location headers.
 */
export function publicBaseUrl(request: Request, settings: OriginSettings = originSettings()): string {
  if (settings.appUrl) return settings.appUrl.replace(/\/+$/, "");
  const url = new URL(request.url);
  const trusted = settings.trustProxy;
  const host = (trusted ? firstValue(request.headers.get("x-forwarded-host")) : undefined) ?? request.headers.get("host") ?? url.host;
  if (!HOST.test(host)) throw new AppError({ code: "bad_request", message: "The Host header is not a valid host" });
  const forwardedProto = trusted ? firstValue(request.headers.get("x-forwarded-proto"))?.toLowerCase() : undefined;
  const proto = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : url.protocol.replace(/:$/, "");
  return `${proto}://${host.toLowerCase()}`;
}

/** The origin this request was sent to (trusted forwarded headers included), ignoring APP_URL. */
export function requestOrigin(request: Request, settings: OriginSettings = originSettings()): string {
  return publicBaseUrl(request, { ...settings, appUrl: undefined });
}
