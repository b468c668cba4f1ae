import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/api/errors";
import { handleApiError } from "@/lib/api/handle-api-error";
import { pathProblem, requestPath } from "@/lib/api/request-path";
import { WEBHOOK_RESPONSE_SECURITY_HEADERS } from "@/lib/engine/response-headers";
import { logger } from "@/lib/logger";
import { pusherClientConfig, type PusherClientConfig } from "@/lib/realtime/pusher-client";
import { NONCE_HEADER, pageContentSecurityPolicy } from "@/lib/security/page-csp";
import { isOnWebhookOrigin, isWebhookSurface } from "@/lib/security/webhook-origin";

// Runs before routing, for three things:
// - Next cannot route a path it cannot decode (`/api/webhooks/%ff` would be its bare text 500,
//   before any route's guard), so such paths get the API's JSON 400 here. Dot segments are refused
//   here too when the path also has an escape; otherwise withRoute's guard (which every route
//   uses; the fuzzer checks it) refuses them, from the raw path (lib/api/raw-path.ts).
// - On the dedicated webhook origin (HOOKFLOW_WEBHOOK_ORIGIN), everything but webhooks is a 404.
// - Pages get their Content-Security-Policy with a fresh nonce, which Next puts on its scripts.
export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  const problem = pathProblem(requestPath(request)) ?? offWebhookSurface(request, pathname);
  if (problem) {
    const response = handleApiError(problem, { route: "proxy" });
    if (pathname.startsWith("/api/webhooks/")) for (const [name, value] of Object.entries(WEBHOOK_RESPONSE_SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  }
  if (pathname.startsWith("/api/")) return NextResponse.next();
  return withPageCsp(request);
}

function offWebhookSurface(request: NextRequest, pathname: string): AppError | undefined {
  try {
    if (!isOnWebhookOrigin(request) || isWebhookSurface(pathname)) return undefined;
  } catch (error) {
    // A Host header that is not a host: refused (400) like everywhere else.
    if (error instanceof AppError) return error;
    throw error;
  }
  return new AppError({ code: "not_found", message: "Not found: this origin serves webhooks only" });
}

function withPageCsp(request: NextRequest): Response {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const csp = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:" || forwardedProto === "https",
    realtime: realtimeConfig(),
  });
  // Next reads the nonce from the request's CSP header while rendering.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set(NONCE_HEADER, nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

let warned = false;
function realtimeConfig(): PusherClientConfig | undefined {
  try {
    return pusherClientConfig();
  } catch (error) {
    // The pages need realtime anyway and say so; the policy then allows no socket.
    if (!warned) logger.warn("realtime is not configured: the pages' CSP allows no realtime socket", { error });
    warned = true;
    return undefined;
  }
}

// Webhooks (the hot path), the health check and static build files skip the proxy: only webhook
// paths with a percent sign, which can fail to decode, come through. Every page and every other
// API route runs it.
export const config = {
  matcher: ["/api/(.*%.*)", "/((?!api/webhooks/|api/health$|_next/static/|_next/image/|favicon\\.ico$).*)"],
};
