import { RESPONSE_BODY_LIMIT, type SentResponse } from "@/lib/executions/sent-response";
import { redactHeaders } from "./redact-headers";
import type { WebhookAnswer } from "./webhook-answer";

const encoder = new TextEncoder();

// The first `limit` bytes of a UTF-8 text, cut before a character that would not fit whole.
function utf8Prefix(text: string, bytes: Uint8Array, limit: number): string {
  if (bytes.byteLength <= limit) return text;
  let end = limit;
  // A continuation byte (10xxxxxx) belongs to the character that started before it.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

/**
 * The answer as the sender got it, for the execution's record: headers redacted, body bounded
 * to RESPONSE_BODY_LIMIT bytes with its real size. `receivedAt` is performance.now() when the
 * request arrived.
 */
export function sentResponse(answer: WebhookAnswer, receivedAt: number, now = performance.now()): SentResponse {
  const bytes = encoder.encode(answer.body);
  return {
    status: answer.status,
    ms: Math.max(0, Math.round(now - receivedAt)),
    headers: redactHeaders(answer.headers),
    body: utf8Prefix(answer.body, bytes, RESPONSE_BODY_LIMIT),
    bodyBytes: bytes.byteLength,
    bodyTruncated: bytes.byteLength > RESPONSE_BODY_LIMIT,
  };
}
