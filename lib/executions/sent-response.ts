// What a webhook's sender got, as the execution stores it: the status and the time to answer
// in small columns (Execution.responseStatus, responseMs: the history list reads only these),
// headers and the bounded body in Execution.responseSent (read by the detail page only).
// Built by lib/triggers/sender-response.ts; written by the lifecycle's START (immediately)
// or FINISH/PARK statement (every other mode), never by a statement of its own.
export type SentResponse = {
  status: number;
  /** From the request's arrival until the answer was decided (the final write commits just after). */
  ms: number;
  /** Secrets redacted (lib/triggers/redact-headers.ts). */
  headers: Record<string, string>;
  /** The body's first RESPONSE_BODY_LIMIT bytes, as text. */
  body: string;
  /** The whole body's size in bytes. */
  bodyBytes: number;
  bodyTruncated: boolean;
};

export const RESPONSE_BODY_LIMIT = 16 * 1024;

/** The three columns, as the lifecycle's statements take them (jsonb_to_recordset fields). */
export function sentResponseColumns(sent: SentResponse | undefined) {
  if (!sent) return { responseStatus: null, responseMs: null, responseSent: null };
  const { status, ms, ...detail } = sent;
  return { responseStatus: status, responseMs: ms, responseSent: detail };
}

/** The columns back into one value; null when nothing was recorded. */
export function sentResponseFromColumns(status: number | null, ms: number | null, detail: unknown): SentResponse | null {
  if (status === null) return null;
  const d = (detail ?? {}) as Partial<Omit<SentResponse, "status" | "ms">>;
  return { status, ms: ms ?? 0, headers: d.headers ?? {}, body: d.body ?? "", bodyBytes: d.bodyBytes ?? 0, bodyTruncated: d.bodyTruncated ?? false };
}
