import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { appEnv } from "@/lib/env";
import { batchedDelete, prune } from "@/lib/triggers/prune-webhook-state";

/**
 * Sign-in throttling, per account and per client address, in PostgreSQL so every instance
 * shares it (no correctness depends on one process's memory).
 *
 * Every attempt is counted *before* the password is checked, atomically under the row lock, so
 * a burst of parallel guesses is counted as it arrives rather than after the slow scrypt. Past
 * `free` attempts a key is locked for firstLockSeconds * 2^(attempts - free) (capped); an attempt while
 * locked is a 429 with Retry-After and is not counted, so the lock does not grow by itself. A
 * right password takes its own attempt back: it clears the account's count and gives one back
 * to the address (so a user's own sign-ins never lock an office's NAT address, and an attacker
 * signing in to their own account cannot reset anybody's failures). A key's count starts over
 * after DECAY_SECONDS without attempts.
 *
 * The account key is the normalised email, whether or not such an account exists: an unknown
 * email is throttled exactly like a known one, so the 429 tells nothing either.
 */
// The first lock lasts firstLockSeconds and each counted attempt after a lock doubles it. It has
// to outlast a password check (scrypt at N = 2^17 takes up to seconds on a busy server), or
// the next guess would find it already over.
export const THROTTLE = {
  account: { free: 5, firstLockSeconds: 30, maxLockSeconds: 15 * 60 },
  address: { free: 20, firstLockSeconds: 30, maxLockSeconds: 15 * 60 },
  decaySeconds: 30 * 60,
} as const;

const ATTEMPT = `
  INSERT INTO "SignInThrottle" AS t ("key", "failures", "lockedUntil", "updatedAt") VALUES ($1, 1, NULL, now())
  ON CONFLICT ("key") DO UPDATE SET
    "failures" = CASE WHEN t."updatedAt" < now() - make_interval(secs => $4::int) THEN 1 ELSE t."failures" + 1 END,
    "lockedUntil" = CASE
      WHEN (CASE WHEN t."updatedAt" < now() - make_interval(secs => $4::int) THEN 1 ELSE t."failures" + 1 END) < $2::int THEN NULL
      ELSE now() + make_interval(secs => LEAST($3::int, $5::int * power(2, LEAST(30, (CASE WHEN t."updatedAt" < now() - make_interval(secs => $4::int) THEN 1 ELSE t."failures" + 1 END) - $2::int))::int))
    END,
    "updatedAt" = now()
  WHERE t."lockedUntil" IS NULL OR t."lockedUntil" <= now()
  RETURNING "failures"`;

const LOCKED_FOR = `SELECT GREATEST(1, ceil(extract(epoch FROM "lockedUntil" - now())))::int AS "seconds" FROM "SignInThrottle" WHERE "key" = $1`;

export type ThrottleKeys = { account: string; address: string };

export function throttleKeys(email: string, request: Request): ThrottleKeys {
  return { account: `account:${email.trim().toLowerCase()}`, address: `address:${clientAddress(request)}` };
}

/** Counts this attempt against the address and the account; a locked key is a 429 saying when to retry. */
export async function countSignInAttempt(keys: ThrottleKeys): Promise<void> {
  await attempt(keys.address, THROTTLE.address);
  await attempt(keys.account, THROTTLE.account);
}

type Limits = { free: number; firstLockSeconds: number; maxLockSeconds: number };

async function attempt(key: string, limits: Limits): Promise<void> {
  const counted = await preparedQuery<{ failures: number }>("hookflow_sign_in_attempt", ATTEMPT, [key, limits.free, limits.maxLockSeconds, THROTTLE.decaySeconds, limits.firstLockSeconds]);
  if (counted.length > 0) return;
  const [row] = await preparedQuery<{ seconds: number }>("hookflow_sign_in_locked_for", LOCKED_FOR, [key]);
  const seconds = row?.seconds ?? 1;
  throw new AppError({
    code: "rate_limited",
    message: `Too many sign-in attempts; try again in ${seconds} s`,
    details: { retryAfterSeconds: seconds },
    headers: { "Retry-After": String(seconds) },
  });
}

/** A right password: the account starts over, the address gets this attempt back. */
export async function signInSucceeded(keys: ThrottleKeys): Promise<void> {
  await preparedQuery("hookflow_sign_in_reset_account", `DELETE FROM "SignInThrottle" WHERE "key" = $1`, [keys.account]);
  await preparedQuery("hookflow_sign_in_return_attempt", `UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = $1`, [keys.address]);
}

/**
 * The client's address, as far as it can be known. Behind Vercel (which overwrites
 * X-Forwarded-For) its first entry; behind a proxy you run (HOOKFLOW_TRUST_PROXY=true, which
 * appends) its last. Without either, `next start` fills X-Forwarded-For with the socket address
 * only when the client sent none, so a client can choose its own key: the per-address limit is
 * then best effort, and the per-account limit (which needs no address) is what holds.
 */
export function clientAddress(request: Request): string {
  const entries = (request.headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const address = (appEnv().VERCEL === "1" ? entries[0] : entries.at(-1)) ?? "unknown";
  return address.slice(0, 100);
}

const STALE = batchedDelete("SignInThrottle", `"key"`, `"updatedAt" < now() - make_interval(secs => ${THROTTLE.decaySeconds}) AND ("lockedUntil" IS NULL OR "lockedUntil" < now())`);

/** Keys with nothing left to remember (decayed and unlocked); run by the maintenance pass. */
export function pruneSignInThrottles(): Promise<number> {
  return prune("hookflow_prune_sign_in_throttles", STALE);
}
