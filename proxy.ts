import { NextResponse, type NextRequest } from "next/server";
import { handleApiError } from "@/lib/api/handle-api-error";
import { pathProblem, requestPath } from "@/lib/api/request-path";

// Runs before routing, on the path as sent (see lib/api/raw-path.ts): Next cannot route a path
// it cannot decode (`/api/webhooks/%ff` would be its bare text 500) and would resolve dot
// segments into another route, so both are refused here with the API's JSON errors.
export function proxy(request: NextRequest): Response {
  const problem = pathProblem(requestPath(request));
  return problem ? handleApiError(problem, { route: "proxy" }) : NextResponse.next();
}

export const config = { matcher: "/api/:path*" };
