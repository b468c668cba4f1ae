import { AppError } from "./errors";
import { withRoute, type RouteHandler } from "./with-route";

// The methods every API route answers itself. Next answers a method a route does not export
// with an empty 405 (and HEAD/OPTIONS on its own), so every route exports all of these and the
// ones it does not implement give a JSON 405 with Allow. Declared once: the fuzzer and the
// webhook route use the same list.
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Methods<P> = Record<RouteMethod, RouteHandler<P>>;
type Exports<P> = Methods<P> & { OPTIONS: RouteHandler<P> };

export function routeMethods<P>(handlers: Partial<Methods<P>>): Exports<P> {
  const implemented = ROUTE_METHODS.filter((m) => handlers[m]);
  const allowed = implemented.join(", ");
  const notAllowed = withRoute<P>(
    "method-not-allowed",
    async ({ request }) => {
      throw new AppError({ code: "method_not_allowed", message: `${request.method} is not allowed here; use ${allowed}`, headers: { Allow: allowed } });
    },
    { csrf: "exempt" },
  );
  // Next's own OPTIONS would list every exported method, including the 405 ones.
  const options = withRoute<P>("options", async () => {
    const allow = [...implemented, ...(implemented.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
    return new Response(null, { status: 204, headers: { Allow: allow } });
  });
  return { ...(Object.fromEntries(ROUTE_METHODS.map((m) => [m, handlers[m] ?? notAllowed])) as Methods<P>), OPTIONS: options };
}

/** One handler for every method, OPTIONS included (the webhook route, the API's catch-all 404). */
export function allMethods<P>(handler: RouteHandler<P>): Exports<P> {
  return { ...(Object.fromEntries(ROUTE_METHODS.map((m) => [m, handler])) as Methods<P>), OPTIONS: handler };
}
