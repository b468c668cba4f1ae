// Browser-side JSON fetch for the app's own API. Every error becomes an ApiError
// carrying the server's {error:{code,message,details}}; a 401 sends the tab to sign-in.
export type ApiErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } };

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy error page, an empty body): fall through to the status text.
  }
  const message = body?.error?.message ?? `Request failed (${response.status} ${response.statusText})`;
  return new ApiError(response.status, body?.error?.code ?? "http_error", message, body?.error?.details);
}

export type FetchApiOptions = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  // Auth forms expect a 401 ("Wrong email or password") and must not be redirected.
  redirectOnUnauthorized?: boolean;
  /** Extra request headers (Idempotency-Key). */
  headers?: Record<string, string>;
};

export async function fetchApi<T>(path: string, options: FetchApiOptions = {}): Promise<T> {
  const { method = "GET", body, signal, redirectOnUnauthorized = true, headers: extra = {} } = options;
  const response = await fetch(path, {
    method,
    signal,
    credentials: "same-origin",
    // Every state change is sent as JSON, with or without a body: the server refuses a
    // cookie-authenticated one that is not (lib/auth/same-origin.ts, CSRF).
    headers: { ...extra, accept: "application/json", ...(method === "GET" ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && redirectOnUnauthorized) {
      // The session ended under us: a full load to sign-in drops every cache and socket
      // of the old session, which a client-side push would keep alive.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}
