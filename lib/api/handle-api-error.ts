import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError } from "./errors";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "./database-unavailable";
import { logger } from "@/lib/logger";

export type ErrorBody = { error: { code: string; message: string; details?: unknown; requestId?: string } };

function json(status: number, body: ErrorBody, headers?: Record<string, string>): Response {
  return Response.json(body, { status, headers });
}

function isPrismaNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

/** The answer an AppError becomes (status, headers, JSON body): also what a webhook's record stores. */
export function appErrorAnswer(error: AppError): { status: number; headers: Record<string, string>; body: string } {
  const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } };
  return { status: error.status, headers: { "content-type": "application/json", ...error.headers }, body: JSON.stringify(body) };
}

// The error is kept in the log line: should a real bug coincide with a disconnect, it is not lost.
function clientClosed(route: string, error: unknown): Response {
  logger.info("client closed the request", { route, error });
  return json(499, { error: { code: "client_closed", message: "The client closed the connection" } });
}

// Maps anything thrown below a route to one JSON shape: {error:{code,message}}, classified
// by cause: the caller's mistake (4xx), the client going away (499, logged as such), the
// database being down (503), anything else an opaque 500 carrying a request id that is in the log.
export function handleApiError(error: unknown, context: { route: string; request?: Request }): Response {
  // Whatever a read failed with after the client disconnected (ECONNRESET, "terminated",
  // AbortError), the cause is the client: never report it as a database outage.
  if (context.request?.signal?.aborted || (error instanceof AppError && error.code === "client_closed")) return clientClosed(context.route, error);
  if (error instanceof AppError) {
    if (error.status >= 500) logger.error("request failed", { route: context.route, code: error.code, message: error.message });
    const answer = appErrorAnswer(error);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join("; ");
    return json(400, { error: { code: "bad_request", message, details } });
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn("database unavailable", { route: context.route, error });
    return json(
      503,
      { error: { code: "unavailable", message: "The database is unavailable; retry later" } },
      { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
  if (isPrismaNotFound(error)) {
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }
  const requestId = randomUUID();
  logger.error("unhandled error", { route: context.route, requestId, error });
  return json(500, { error: { code: "internal", message: "Internal error", requestId } });
}
