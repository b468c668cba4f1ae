import { createHash, createHmac } from "node:crypto";
import { constantTimeEqual } from "./protocol";

// Pusher tolerates this much clock skew; beyond it a captured request cannot be replayed.
const MAX_CLOCK_SKEW_SECONDS = 600;

export type SignedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  rawBody: Buffer;
};

export type VerifyResult = { ok: true } | { ok: false; message: string };

/**
 * Checks Pusher's HTTP API signature (auth_version 1.0): HMAC-SHA256 over
 * "METHOD\npath\nsorted k=v params" plus an MD5 of the body, so the signature covers
 * the payload without signing the body itself.
 */
export function verifySignedRequest(
  request: SignedRequest,
  credentials: { key: string; secret: string },
  nowSeconds: number = Date.now() / 1000,
): VerifyResult {
  const { query, rawBody } = request;
  if (query.get("auth_key") !== credentials.key) return fail("Unknown auth_key");
  if (query.get("auth_version") !== "1.0") return fail("auth_version must be 1.0");

  const timestamp = Number(query.get("auth_timestamp"));
  if (!query.get("auth_timestamp") || !Number.isFinite(timestamp)) return fail("Missing auth_timestamp");
  if (Math.abs(nowSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    return fail(`Timestamp expired: auth_timestamp ${timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS}s from server time`);
  }

  const bodyMd5 = query.get("body_md5");
  if (rawBody.length > 0 || bodyMd5 !== null) {
    const actual = createHash("md5").update(rawBody).digest("hex");
    if (bodyMd5 !== actual) return fail("body_md5 does not match the request body");
  }

  const stringToSign = [request.method.toUpperCase(), request.path, canonicalQuery(query)].join("\n");
  const expected = createHmac("sha256", credentials.secret).update(stringToSign).digest("hex");
  const given = query.get("auth_signature") ?? "";
  if (!constantTimeEqual(given, expected)) {
    // Echoing the string to sign (never the secret) is what Pusher does; it makes
    // client-side signing bugs obvious.
    return fail(`Invalid signature: expected HMAC-SHA256 hex of ${JSON.stringify(stringToSign)}`);
  }
  return { ok: true };
}

// Matches the SDKs: raw (unescaped) values, sorted by key, auth_signature excluded.
function canonicalQuery(query: URLSearchParams): string {
  return [...query.entries()]
    .filter(([key]) => key !== "auth_signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

function fail(message: string): VerifyResult {
  return { ok: false, message };
}
