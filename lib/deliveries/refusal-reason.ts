import { AppError, type ErrorCode } from "@/lib/api/errors";
import { isDatabaseUnavailable } from "@/lib/api/database-unavailable";

// Why a webhook request was refused, as a short code for the delivery log. An error's
// `details.reason` (rate_limit, concurrency, signature_replay, draining…) wins; otherwise the
// error code says it. A client that went away was not refused: nothing is logged.
const REASON_BY_CODE: Record<Exclude<ErrorCode, "client_closed">, string> = {
  bad_request: "bad_request",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  csrf_refused: "csrf_refused",
  not_found: "not_found",
  method_not_allowed: "method_not_allowed",
  conflict: "conflict",
  payload_too_large: "too_large",
  unsupported_media_type: "unsupported_media_type",
  unprocessable: "unprocessable",
  rate_limited: "rate_limited",
  internal: "internal_error",
  unavailable: "unavailable",
};

export type Refusal = { status: number; reason: string; message: string };

export function refusalOf(error: unknown, webhookFound: boolean): Refusal | undefined {
  if (error instanceof AppError) {
    if (error.code === "client_closed") return undefined;
    const detail = (error.details as { reason?: unknown } | undefined)?.reason;
    let reason = typeof detail === "string" ? detail : REASON_BY_CODE[error.code];
    // The path is a webhook of a workflow that is inactive, or nobody's (or a refusal the
    // sender is told is a 404 so as not to reveal the path, whose real reason is logReason).
    if (error.code === "not_found") reason = error.logReason ?? (webhookFound ? "webhook_inactive" : "unknown_path");
    return { status: error.status, reason, message: error.message };
  }
  if (isDatabaseUnavailable(error)) return { status: 503, reason: "database_unavailable", message: "The database is unavailable; retry later" };
  return { status: 500, reason: "internal_error", message: "Internal error" };
}
