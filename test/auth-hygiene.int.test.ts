import { randomBytes, scryptSync } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as signUpRoute from "@/app/api/auth/sign-up/route";
import * as apiKeysRoute from "@/app/api/api-keys/route";
import { db } from "@/lib/db";
import { THROTTLE } from "@/lib/auth/sign-in-throttle";
import { resetDatabase } from "./db";
import { call, makeUser } from "./helpers";

// Issue 18, auth hygiene: sign-in throttling (per account and per address, in PostgreSQL, with
// backoff and Retry-After), sign-up that does not announce accounts, scrypt at N = 2^17 with old
// hashes upgraded at sign-in, and no-store on responses carrying secrets.
const APP = "http://localhost:3000";
const none = {} as Record<string, never>;

function browserPost(url: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${APP}${url}`, { method: "POST", headers: { "content-type": "application/json", origin: APP, ...headers }, body: JSON.stringify(body) });
}
const signIn = (email: string, password: string, headers?: Record<string, string>) => call(signInRoute.POST, browserPost("/api/auth/sign-in", { email, password }, headers), none);
const signUp = (email: string, password: string) => call(signUpRoute.POST, browserPost("/api/auth/sign-up", { email, password }), none);

beforeEach(async () => {
  await resetDatabase();
});

describe("sign-in throttling", () => {
  it("locks an account after its free attempts, even for the right password: 429 with Retry-After", async () => {
    const user = await makeUser("victim");
    for (let i = 0; i < THROTTLE.account.free; i++) expect((await signIn(user.email, "wrong-password")).status).toBe(401);
    const right = await signIn(user.email, "password123");
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(right.headers.get("set-cookie")).toBeNull();
    // Kept in PostgreSQL, so every instance sees the same lock.
    expect(await db().signInThrottle.findUnique({ where: { key: `account:${user.email}` } })).toMatchObject({ failures: THROTTLE.account.free });
  });

  it("backs off: each attempt after a lock ends locks for twice as long", async () => {
    const user = await makeUser("backoff");
    const key = `account:${user.email}`;
    const lockSeconds: number[] = [];
    const first = THROTTLE.account.firstLockSeconds;
    for (let i = 0; i < THROTTLE.account.free; i++) await signIn(user.email, "wrong-password");
    for (let round = 0; round < 3; round++) {
      const row = await db().signInThrottle.findUniqueOrThrow({ where: { key } });
      lockSeconds.push(Math.round((row.lockedUntil!.getTime() - row.updatedAt.getTime()) / 1000));
      const refused = await signIn(user.email, "wrong-password");
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(first * 2 ** round);
      // Time passes: the lock ends (no sleeping in tests), and the next guess is counted.
      await db().signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
      expect((await signIn(user.email, "wrong-password")).status).toBe(401);
    }
    expect(lockSeconds).toEqual([first, first * 2, first * 4]);
  });

  it("counts a parallel burst as it arrives (the issue: 40 guesses in 2.5 s, then the right one)", async () => {
    const user = await makeUser("burst");
    const statuses = await Promise.all(Array.from({ length: 40 }, () => signIn(user.email, "wrong-password").then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.account.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - THROTTLE.account.free);
    expect((await signIn(user.email, "password123")).status).toBe(429);
  });

  it("a right password clears the account's count", async () => {
    const user = await makeUser("forgetful");
    for (let i = 0; i < THROTTLE.account.free - 1; i++) await signIn(user.email, "wrong-password");
    expect((await signIn(user.email, "password123")).status).toBe(200);
    for (let i = 0; i < THROTTLE.account.free - 1; i++) expect((await signIn(user.email, "wrong-password")).status).toBe(401);
  });

  it("limits one address spraying many accounts, known or not, and treats unknown emails like known ones", async () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < 2; i++) expect((await signIn(`nobody-${i}@example.com`, "guess", headers)).status).toBe(401);
    // The address's earlier guesses (each costs a real scrypt; not repeated 20 times here).
    await db().signInThrottle.update({ where: { key: "address:203.0.113.9" }, data: { failures: THROTTLE.address.free - 1 } });
    expect((await signIn("nobody-last@example.com", "guess", headers)).status).toBe(401);
    const someone = await makeUser("sprayed");
    const refused = await signIn(someone.email, "password123", headers);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await signIn(someone.email, "password123", { "x-forwarded-for": "198.51.100.7" })).status).toBe(200);
  });
});

describe("sign-up does not announce accounts", () => {
  it("an existing email with its own password signs in, with the same 201 as a new account", async () => {
    const fresh = await signUp("new@example.com", "correct horse");
    expect(fresh.status).toBe(201);
    const again = await signUp("new@example.com", "correct horse");
    expect(again.status).toBe(201);
    const [a, b] = [(await fresh.json()) as { user: { id: string; email: string } }, (await again.json()) as { user: { id: string; email: string } }];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(b.user).toEqual(a.user);
    expect(again.headers.get("set-cookie")).toMatch(/hookflow_session=hfs_/);
    expect(await db().user.count({ where: { email: "new@example.com" } })).toBe(1);
  });

  it("an existing email with another password gets a generic refusal that names no reason, counted by the throttle", async () => {
    await makeUser("taken");
    const taken = (await db().user.findFirstOrThrow()).email;
    const refused = await signUp(taken, "not-the-password");
    expect(refused.status).toBe(409);
    const { error } = (await refused.json()) as { error: { message: string } };
    expect(error.message).not.toContain(taken);
    expect(error.message).not.toMatch(/exist/i);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(await db().signInThrottle.findUnique({ where: { key: `account:${taken}` } })).toMatchObject({ failures: 1 });
  });
});

describe("password hashing", () => {
  it("hashes with scrypt N = 2^17 and upgrades an old N = 2^14 hash at sign-in", async () => {
    const user = await makeUser("hash");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);

    const salt = randomBytes(16);
    const old = ["scrypt", 16384, 8, 1, salt.toString("base64url"), scryptSync("old-password", salt, 64, { N: 16384, r: 8, p: 1 }).toString("base64url")].join("$");
    await db().user.update({ where: { id: user.id }, data: { passwordHash: old } });
    expect((await signIn(user.email, "old-password")).status).toBe(200);
    const upgraded = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await signIn(user.email, "old-password")).status).toBe(200);
  });
});

describe("responses carrying secrets", () => {
  it("are Cache-Control: no-store (a new API key, a session)", async () => {
    const fresh = await signUp("keys@example.com", "correct horse");
    expect(fresh.headers.get("cache-control")).toBe("no-store");
    const cookie = (fresh.headers.get("set-cookie") ?? "").split(";")[0]!;
    const created = await call(apiKeysRoute.POST, browserPost("/api/api-keys", { name: "ci" }, { cookie }), none);
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
  });
});
