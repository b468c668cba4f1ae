import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import type { WebhookAuthType } from "@/lib/generated/prisma/client";

export const DEFAULT_SECRET_HEADER = "x-hookflow-secret";
export const HOOKFLOW_SIGNATURE_HEADER = "x-hookflow-signature";
export const GITHUB_SIGNATURE_HEADER = "x-hub-signature-256";
/** Signed timestamps further than this from our clock, either way, are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type WebhookAuth = { type: WebhookAuthType; headerName: string | null; secret: string | null };

function unauthorized(message: string): AppError {
  return new AppError({ code: "unauthorized", message });
}

// Equal-length buffers only: timingSafeEqual throws otherwise, and comparing digests of
// a fixed size means the length check leaks nothing about the secret.
function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function hmacSha256(secret: string, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

function hexDigest(value: string): Buffer | undefined {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : undefined;
}

function verifyHeaderSecret(auth: WebhookAuth, headers: Headers, secret: string): void {
  const name = auth.headerName ?? DEFAULT_SECRET_HEADER;
  const given = headers.get(name);
  if (given === null) throw unauthorized(`Missing ${name} header`);
  // Hash both sides: equal lengths for timingSafeEqual whatever was sent.
  if (!safeEqual(hmacSha256("header", given), hmacSha256("header", secret))) throw unauthorized(`Wrong ${name} header`);
}

/**
 * What a verified request is remembered by, so it is accepted once. For a timestamped HMAC:
 * the timestamp and the digest that matched, as lower-case hex of its bytes. Not the header
 * text: reordering its parts, adding `v1=00`, spaces or upper-case hex keep a signature valid
 * and would make it look new.
 */
export type VerifiedAuth = { replayKey?: string };

// X-Hookflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>.
// Several v1 entries are allowed so a sender can sign with an old and a new secret.
function verifyHookflowSignature(headers: Headers, body: Uint8Array, secret: string, nowMs: number): VerifiedAuth {
  const header = headers.get(HOOKFLOW_SIGNATURE_HEADER);
  if (header === null) throw unauthorized("Missing X-Hookflow-Signature header");
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [key, value = ""] = part.trim().split("=", 2) as [string, string?];
    if (key === "t") timestamp = value;
    else if (key === "v1") {
      const digest = hexDigest(value);
      if (digest) signatures.push(digest);
    }
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) {
    throw unauthorized("X-Hookflow-Signature must look like t=<unix seconds>,v1=<hex>");
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    throw unauthorized(`Signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds from now`);
  }
  const expected = hmacSha256(secret, timestamp, ".", body);
  if (!signatures.some((s) => safeEqual(s, expected))) throw unauthorized("Signature does not match");
  return { replayKey: `signature:${Number(timestamp)}:${expected.toString("hex")}` };
}

// X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)> (GitHub's format; no timestamp).
function verifyGithubSignature(headers: Headers, body: Uint8Array, secret: string): void {
  const header = headers.get(GITHUB_SIGNATURE_HEADER);
  if (header === null) throw unauthorized("Missing X-Hub-Signature-256 header");
  const digest = header.startsWith("sha256=") ? hexDigest(header.slice("sha256=".length)) : undefined;
  if (!digest) throw unauthorized("X-Hub-Signature-256 must look like sha256=<hex>");
  if (!safeEqual(digest, hmacSha256(secret, body))) throw unauthorized("Signature does not match");
}

// Runs on the raw body bytes before they are parsed. Throws 401 (no execution is created).
export function verifyWebhookAuth(auth: WebhookAuth, headers: Headers, body: Uint8Array, nowMs = Date.now()): VerifiedAuth {
  if (auth.type === "none") return {};
  // A row without its secret can only be a bug or a half-applied migration: refuse, never allow.
  if (!auth.secret) throw unauthorized("Webhook secret is not set up; save the workflow again");
  switch (auth.type) {
    case "header":
      verifyHeaderSecret(auth, headers, auth.secret);
      return {};
    case "hmac":
      return verifyHookflowSignature(headers, body, auth.secret, nowMs);
    case "github":
      // No timestamp in GitHub's format: a replay cannot be told from a redelivery.
      verifyGithubSignature(headers, body, auth.secret);
      return {};
  }
}

/** Header names whose values must never be stored for this webhook. */
export function secretHeaderNames(auth: WebhookAuth): string[] {
  return auth.type === "header" ? [(auth.headerName ?? DEFAULT_SECRET_HEADER).toLowerCase()] : [];
}
