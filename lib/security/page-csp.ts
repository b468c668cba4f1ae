import type { PusherClientConfig } from "@/lib/realtime/pusher-client";

// The Content-Security-Policy of the app's pages (proxy.ts sets it per request; Next reads the
// nonce from the request's header and puts it on its own scripts). Why each directive is what it
// is: docs/security/webhook-responses.md, "The app's own headers".

/** The request header that carries the page's nonce to server components (app/layout.tsx). */
export const NONCE_HEADER = "x-nonce";

/**
 * Run before any other script: zod probes `new Function("")` when it builds an object schema (to
 * compile fast parsers); the probe fails harmlessly under this CSP, but the browser still reports
 * a violation on every page. `jitless` skips the probe.
 */
export const ZOD_JITLESS_SCRIPT = "globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });";

export type PageCspOptions = {
  nonce: string;
  /** `next dev`: React reconstructs server errors with eval. Never in production. */
  dev: boolean;
  /** The page was requested over https (directly or through a proxy that says so). */
  https: boolean;
  /** Where the browser's realtime socket goes; undefined when realtime is not configured. */
  realtime: PusherClientConfig | undefined;
};

// A host name as it may appear in a CSP source: operators configure it, but a stray `;` or space
// would add a directive, so anything else is left out.
const HOST = /^[a-z0-9.-]+$/i;

/** The WebSocket (and fallback) origins pusher-js opens for this configuration. */
export function realtimeSources(config: PusherClientConfig | undefined): string[] {
  if (!config) return [];
  if (config.wsHost) {
    if (!HOST.test(config.wsHost)) return [];
    const port = config.wsPort ? `:${config.wsPort}` : "";
    // pusher-js uses wss on an https page even without forceTLS.
    return [...(config.forceTLS ? [] : [`ws://${config.wsHost}${port}`]), `wss://${config.wsHost}${port}`];
  }
  if (!HOST.test(config.cluster)) return [];
  // Pusher's cloud: the socket, and the HTTP streaming/polling fallbacks pusher-js may use.
  return [`wss://ws-${config.cluster}.pusher.com`, `https://sockjs-${config.cluster}.pusher.com`];
}

export function pageContentSecurityPolicy({ nonce, dev, https, realtime }: PageCspOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': what a nonced script loads (Next's chunks) runs; nothing else does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React Flow and CodeMirror position everything with style attributes, which nonces cannot
    // cover; styles cannot run script, and markup injection is what the script policy guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...realtimeSources(realtime)].join(" "),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
