import { beforeEach, describe, expect, it } from "vitest";
import * as signUpRoute from "@/app/api/auth/sign-up/route";
import * as signInRoute from "@/app/api/auth/sign-in/route";
import * as signOutRoute from "@/app/api/auth/sign-out/route";
import * as apiKeysRoute from "@/app/api/api-keys/route";
import * as apiKeyRoute from "@/app/api/api-keys/[id]/route";
import * as executionsRoute from "@/app/api/executions/route";
import { db } from "@/lib/db";
import { resetDatabase } from "./db";
import { authed, call } from "./helpers";

const none = {} as Record<string, never>;

// What the app's own pages send: same-origin JSON (lib/auth/same-origin.ts).
const browser = { "content-type": "application/json", origin: "http://localhost:3000" };

function json(url: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3000${url}`, { method: "POST", headers: { ...browser, ...headers }, body: JSON.stringify(body) });
}

function cookieFrom(response: Response): string {
  const setCookie = response.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0]!;
}

const withCookie = (cookie: string, url: string) => new Request(`http://localhost:3000${url}`, { headers: { cookie } });

describe("accounts", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("signs up, signs in and out with a session cookie, and stores only hashes", async () => {
    const signUp = await call(signUpRoute.POST, json("/api/auth/sign-up", { email: "Ada@Example.com", password: "correct horse" }), none);
    expect(signUp.status).toBe(201);
    expect(signUp.headers.get("set-cookie")).toMatch(/hookflow_session=hfs_.+HttpOnly; SameSite=Lax/);
    const cookie = cookieFrom(signUp);
    expect((await call(executionsRoute.GET, withCookie(cookie, "/api/executions"), none)).status).toBe(200);

    const user = await db().user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain("correct horse");
    const session = await db().session.findFirstOrThrow();
    expect(cookie).not.toContain(session.tokenHash);

    const duplicate = await call(signUpRoute.POST, json("/api/auth/sign-up", { email: "ada@example.com", password: "another one" }), none);
    expect(duplicate.status).toBe(409);
    const weak = await call(signUpRoute.POST, json("/api/auth/sign-up", { email: "not-an-email", password: "short" }), none);
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.message).toMatch(/email/i);

    const wrong = await call(signInRoute.POST, json("/api/auth/sign-in", { email: "ada@example.com", password: "wrong password" }), none);
    expect(wrong.status).toBe(401);
    const unknown = await call(signInRoute.POST, json("/api/auth/sign-in", { email: "nobody@example.com", password: "wrong password" }), none);
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.message).toBe((await wrong.json()).error.message);

    const signIn = await call(signInRoute.POST, json("/api/auth/sign-in", { email: "ada@example.com", password: "correct horse" }), none);
    expect(signIn.status).toBe(200);
    const second = cookieFrom(signIn);
    const signOut = await call(signOutRoute.POST, new Request("http://localhost:3000/api/auth/sign-out", { method: "POST", headers: { ...browser, cookie: second } }), none);
    expect(signOut.status).toBe(204);
    expect((await call(executionsRoute.GET, withCookie(second, "/api/executions"), none)).status).toBe(401);
    expect((await call(executionsRoute.GET, withCookie(cookie, "/api/executions"), none)).status).toBe(200);
  });

  it("creates, lists and revokes API keys; a revoked key stops working", async () => {
    const signUp = await call(signUpRoute.POST, json("/api/auth/sign-up", { email: "keys@example.com", password: "correct horse" }), none);
    const cookie = cookieFrom(signUp);
    const created = await call(apiKeysRoute.POST, json("/api/api-keys", { name: "ci" }, { cookie }), none);
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key.key).toMatch(/^hfk_/);
    expect((await db().apiKey.findFirstOrThrow()).keyHash).not.toBe(key.key);

    expect((await call(executionsRoute.GET, authed(key.key, "/api/executions"), none)).status).toBe(200);
    const list = await (await call(apiKeysRoute.GET, withCookie(cookie, "/api/api-keys"), none)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: key.id, name: "ci", prefix: key.key.slice(0, 10) })]);
    expect(list.items[0]).not.toHaveProperty("key");

    const revoke = await call(apiKeyRoute.DELETE, new Request(`http://localhost:3000/api/api-keys/${key.id}`, { method: "DELETE", headers: { ...browser, cookie } }), { id: key.id });
    expect(revoke.status).toBe(204);
    expect((await call(executionsRoute.GET, authed(key.key, "/api/executions"), none)).status).toBe(401);
  });
});
