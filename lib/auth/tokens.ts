import { createHash, randomBytes } from "node:crypto";

// Secrets (session tokens, API keys) are random 256-bit values; only their
// SHA-256 is stored, so a database leak does not leak usable credentials.
export function generateToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
