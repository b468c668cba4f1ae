// "The database is not there right now", as opposed to "this query is wrong". Callers get
// 503 + Retry-After (handle-api-error.ts) so a webhook sender retries instead of giving up;
// nothing was written, because every refusal happens before or instead of the write.
// Errors arrive raw from `pg` (prepared statements, pool) or wrapped by Prisma's adapter.

// Node socket errors (pg connects and loses connections with these codes).
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), shutting down / starting (57P01-57P03),
// too many connections (53300).
const SQLSTATES = new Set(["08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03", "53300"]);
// Prisma: can't reach (P1001), timed out (P1008), closed (P1017), pool timeout (P2024), too many connections (P2037).
const PRISMA_CODES = new Set(["P1001", "P1008", "P1017", "P2024", "P2037"]);
// Driver adapter error kinds (the `cause` of a Prisma error with the pg adapter).
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// pg and pg-pool signal these with plain Errors, no code.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
];

function matchesOne(error: object): boolean {
  const { code, kind, message } = error as { code?: unknown; kind?: unknown; message?: unknown };
  if (typeof code === "string" && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code))) return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  return typeof message === "string" && MESSAGES.some((m) => m.test(message));
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  if (matchesOne(error)) return true;
  // Wrappers: Error.cause (Prisma, our own), AggregateError.errors (Node tries IPv4 and IPv6).
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}

export const DATABASE_RETRY_AFTER_SECONDS = 5;
