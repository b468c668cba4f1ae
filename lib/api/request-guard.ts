import { AppError } from "./errors";
import { pathProblem, requestPath } from "./request-path";
import { isStorableText, unstorableTextError } from "./storable-text";

const CONTROL = /[\u0000-\u001f\u007f]/;

function paramValues(params: unknown): string[] {
  if (typeof params !== "object" || params === null) return [];
  return Object.values(params).flatMap((v: unknown) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === "string");
}

/**
 * What every route refuses before its handler runs (withRoute calls it):
 * - a path that cannot be decoded (400) or holds dot segments or control characters (404);
 *   the proxy refuses these first in a real server, this covers direct handler calls;
 * - a route parameter with a control character (404): no id, node id or webhook path has one;
 * - a query parameter with a NUL (400 naming it): PostgreSQL cannot compare or store it
 *   (lib/api/storable-text.ts; percent-decoding never yields an unpaired surrogate).
 */
export function guardRequest(request: Request, params: unknown): void {
  const problem = pathProblem(requestPath(request));
  if (problem) throw problem;
  if (paramValues(params).some((v) => CONTROL.test(v))) {
    throw new AppError({ code: "not_found", message: "No such resource (control characters never match)" });
  }
  for (const [name, value] of new URL(request.url).searchParams) {
    if (!isStorableText(name) || !isStorableText(value)) {
      const shown = name.replace(/\u0000/g, "\\u0000").slice(0, 100);
      throw unstorableTextError(`Query parameter "${shown}"`, `query.${shown}`);
    }
  }
}
