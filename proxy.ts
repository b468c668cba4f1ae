import { NextResponse, type NextRequest } from "next/server";
import { handleApiError } from "@/lib/api/handle-api-error";
import { pathProblem, requestPath } from "@/lib/api/request-path";

// Runs before routing: Next cannot route a path it cannot decode (`/api/webhooks/%ff` would be
// its bare text 500, before any route's guard), so such paths get the API's JSON 400 here. Dot
// segments are refused here too when the path also has an escape; otherwise withRoute's guard
// (which every route uses; the fuzzer checks it) refuses them, from the raw path (lib/api/raw-path.ts).
export function proxy(request: NextRequest): Response {
  const problem = pathProblem(requestPath(request));
  return problem ? handleApiError(problem, { route: "proxy" }) : NextResponse.next();
}

// Only paths with a percent sign can fail to decode: every other API request (webhooks on the hot
// path) skips the proxy entirely.
export const config = { matcher: "/api/(.*%.*)" };
