import { requireCaller, type Caller } from "@/lib/auth/caller";
import { assertSameOriginJson } from "@/lib/auth/same-origin";
import { handleApiError } from "./handle-api-error";
import { guardRequest } from "./request-guard";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; params: P }) => Promise<Response>;
type AuthedHandler<P> = (args: { request: Request; params: P; caller: Caller }) => Promise<Response>;
export type RouteHandler<P = Record<string, never>> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export type RouteOptions = {
  /**
   * "exempt" only for handlers that never act on a session: webhooks (senders are other servers,
   * authenticated by the webhook's own secret or signature and cross-origin by design) and the
   * refusals every route shares (unknown API path 404, method 405), which change nothing and
   * should say what is wrong.
   * "enforce" (the default): unsafe requests that carry cookies but no Authorization header.
   * "always": also without cookies — the routes that start a session (login CSRF signs a
   * visitor with no cookies yet in as the attacker).
   */
  csrf?: "enforce" | "always" | "exempt";
};

// The one place where the request guard, the CSRF rule, try/catch and error mapping live for
// route handlers. The CSRF rule (lib/auth/same-origin.ts) covers every unsafe request that a
// browser sends with the session cookie; sign-in and sign-up (no cookie yet) opt in with "always".
export function withRoute<P = Record<string, never>>(name: string, handler: Handler<P>, options: RouteOptions = {}): RouteHandler<P> {
  return async (request, context) => {
    try {
      const params = context?.params ? await context.params : ({} as P);
      guardRequest(request, params);
      if (options.csrf !== "exempt") assertSameOriginJson(request, { evenWithoutCookies: options.csrf === "always" });
      return await handler({ request, params });
    } catch (error) {
      return handleApiError(error, { route: name, request });
    }
  };
}

export function withCaller<P = Record<string, never>>(name: string, handler: AuthedHandler<P>): RouteHandler<P> {
  return withRoute<P>(name, async ({ request, params }) => {
    const caller = await requireCaller(request);
    return handler({ request, params, caller });
  });
}

export { readJson, readForm } from "./read-request-body";
