import { requireCaller, type Caller } from "@/lib/auth/caller";
import { handleApiError } from "./handle-api-error";
import { guardRequest } from "./request-guard";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; params: P }) => Promise<Response>;
type AuthedHandler<P> = (args: { request: Request; params: P; caller: Caller }) => Promise<Response>;
export type RouteHandler<P = Record<string, never>> = (request: Request, context: RouteContext<P>) => Promise<Response>;

// The one place where the request guard, try/catch and error mapping live for route handlers.
export function withRoute<P = Record<string, never>>(name: string, handler: Handler<P>): RouteHandler<P> {
  return async (request, context) => {
    try {
      const params = context?.params ? await context.params : ({} as P);
      guardRequest(request, params);
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
