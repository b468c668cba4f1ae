import { AppError } from "./errors";

// The header that carries the path exactly as the client sent it (see raw-path.ts). Next
// resolves dot segments (`/a/x/../b`, `%2e%2e`) with the WHATWG URL parser before routing,
// so request.url alone cannot tell `/a/b` from `/a/x/../b`.
export const RAW_PATH_HEADER = "x-hookflow-raw-path";

const CONTROL = /[\u0000-\u001f\u007f]/;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // URIError: "%ff" (not UTF-8) or "%zz" (not a hex escape).
    return undefined;
  }
}

/**
 * Why this request path cannot name any API resource, or undefined when it can. Next itself
 * answers a bare 500 for a path it cannot decode and silently resolves dot segments, so the
 * proxy (and, for direct handler calls, withRoute) refuses both before routing:
 * undecodable percent-encoding → 400, dot segments and control characters → 404.
 */
export function pathProblem(rawPath: string): AppError | undefined {
  const pathname = rawPath.split(/[?#]/, 1)[0] ?? "";
  for (const segment of pathname.split("/")) {
    const decoded = decodeSegment(segment);
    if (decoded === undefined) {
      return new AppError({ code: "bad_request", message: "The request path is not valid percent-encoded UTF-8" });
    }
    if (decoded === "." || decoded === ".." || CONTROL.test(decoded)) {
      return new AppError({ code: "not_found", message: "No such resource (dot segments and control characters never match)" });
    }
  }
  return undefined;
}

/** The path as sent when the raw-path hook saw the request, else the (normalized) URL's path. */
export function requestPath(request: Request): string {
  return request.headers.get(RAW_PATH_HEADER) ?? new URL(request.url).pathname;
}
