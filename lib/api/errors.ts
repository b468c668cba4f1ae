// One error type for domain code. Routes never build error responses by hand:
// they throw AppError (or let zod / Prisma throw) and handle-api-error maps it.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  // A cookie-authenticated state change that is not same-origin JSON (lib/auth/same-origin.ts).
  csrf_refused: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  // The client went away before its request was read (nginx's 499): nobody reads this
  // answer, it exists so the log says "client closed", not "database unavailable".
  client_closed: 499,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type AppErrorOptions = {
  code: ErrorCode;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
  /** Why, for the log and the owner's delivery log only: never sent (details are). */
  logReason?: string;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;
  readonly logReason?: string;

  constructor({ code, message, details, headers, logReason }: AppErrorOptions) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.headers = headers;
    this.logReason = logReason;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
