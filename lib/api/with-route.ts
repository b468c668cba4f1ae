import { requireCaller, type Caller } from "@/lib/auth/caller";
import { handleApiError } from "./handle-api-error";
import { AppError } from "./errors";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; params: P }) => Promise<Response>;
type AuthedHandler<P> = (args: { request: Request; params: P; caller: Caller }) => Promise<Response>;

// The one place where try/catch and error mapping live for route handlers.
export function withRoute<P = Record<string, never>>(name: string, handler: Handler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const params = context?.params ? await context.params : ({} as P);
      return await handler({ request, params });
    } catch (error) {
      return handleApiError(error, { route: name });
    }
  };
}

export function withCaller<P = Record<string, never>>(name: string, handler: AuthedHandler<P>) {
  return withRoute<P>(name, async ({ request, params }) => {
    const caller = await requireCaller(request);
    return handler({ request, params, caller });
  });
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError({ code: "bad_request", message: "Request body is not valid JSON" });
  }
}
