import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import * as rotateRoute from "@/app/api/workflows/[id]/webhooks/[nodeId]/rotate-secret/route";
import * as secretRoute from "@/app/api/workflows/[id]/webhooks/[nodeId]/secret/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, recordRealtime } from "./helpers";
import { echoWorkflow, githubSignature, hookflowSignature, makeWebhook, postJson, readSecret } from "./webhook-fixtures";

const body = JSON.stringify({ n: 1, text: "héllo" });

describe("webhook authentication", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("header secret: the right value runs, a wrong or missing one is 401 with no row, and the header is redacted", async () => {
    const user = await makeUser();
    const { secret } = await makeWebhook(user, { path: "auth/header", auth: { type: "header", headerName: "X-Shop-Token" } });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    const attempts: Record<string, string>[] = [{}, { "x-shop-token": "nope" }, { "x-hookflow-secret": secret }, { "x-shop-token": secret.slice(0, -1) }];
    for (const headers of attempts) {
      const denied = await postJson("auth/header", body, headers);
      expect(denied.status).toBe(401);
      expect((await denied.json()).error.code).toBe("unauthorized");
    }
    expect(await db().execution.count()).toBe(0);

    const ok = await postJson("auth/header", body, { "x-shop-token": secret, "x-copy": `token ${secret}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ n: 1 });
    const execution = await db().execution.findFirstOrThrow();
    const headers = (execution.trigger as { headers: Record<string, string> }).headers;
    expect(headers["x-shop-token"]).toBe("[redacted]");
    expect(headers["x-copy"]).toBe("[redacted]");
    expect(JSON.stringify(execution.trigger)).not.toContain(secret);
  });

  it("hmac: a fresh signature over the raw body runs once; a replay of it is refused", async () => {
    const user = await makeUser();
    const { secret } = await makeWebhook(user, { path: "auth/hmac", auth: { type: "hmac" } });
    const signature = hookflowSignature(secret, body);
    const ok = await postJson("auth/hmac", body, { "x-hookflow-signature": signature });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ n: 1, body: { text: "héllo" } });

    const replay = await postJson("auth/hmac", body, { "x-hookflow-signature": signature });
    expect(replay.status).toBe(409);
    expect(await db().execution.count()).toBe(1);
    const stored = (await db().execution.findFirstOrThrow()).trigger as { headers: Record<string, string> };
    expect(stored.headers["x-hookflow-signature"]).toBe("[redacted]");

    // The tolerance is ±300 s; 60 s either side of it is a margin no loaded machine crosses
    // between signing and the server's check.
    const signedAt = (offsetSeconds: number) => hookflowSignature(secret, body, Math.floor(Date.now() / 1000) + offsetSeconds);
    const stale = await postJson("auth/hmac", body, { "x-hookflow-signature": signedAt(-360) });
    expect(stale.status).toBe(401);
    const future = await postJson("auth/hmac", body, { "x-hookflow-signature": signedAt(360) });
    expect(future.status).toBe(401);
    expect(await db().execution.count()).toBe(1);
    const oldButInside = await postJson("auth/hmac", body, { "x-hookflow-signature": signedAt(-240) });
    expect(oldButInside.status).toBe(200);
    const aheadButInside = await postJson("auth/hmac", body, { "x-hookflow-signature": signedAt(240) });
    expect(aheadButInside.status).toBe(200);
    expect(await db().execution.count()).toBe(3);
  });

  // Issue 18: the replay key was the header's text, and an Idempotency-Key skipped the check;
  // one signature gave 8 executions. Each rewording below keeps the signature valid.
  it("hmac: a reworded signature or a new Idempotency-Key is still a replay (409, no new run)", async () => {
    const user = await makeUser();
    const { secret } = await makeWebhook(user, { path: "auth/reword", auth: { type: "hmac" } });
    const signature = hookflowSignature(secret, body);
    const [t, v1] = signature.split(",") as [string, string];
    const first = await postJson("auth/reword", body, { "x-hookflow-signature": signature });
    expect(first.status).toBe(200);

    const variants: [string, Record<string, string>][] = [
      ["parts reordered", { "x-hookflow-signature": `${v1},${t}` }],
      ["an extra v1=00", { "x-hookflow-signature": `${signature},v1=00` }],
      ["an extra digest first", { "x-hookflow-signature": `${t},v1=${"0".repeat(64)},${v1}` }],
      ["a space", { "x-hookflow-signature": `${t}, ${v1}` }],
      ["upper-case hex", { "x-hookflow-signature": `${t},v1=${v1.slice(3).toUpperCase()}` }],
      ["a new Idempotency-Key", { "x-hookflow-signature": signature, "idempotency-key": "fresh-1" }],
      ["another new Idempotency-Key, reworded", { "x-hookflow-signature": `${v1}, ${t}`, "idempotency-key": "fresh-2" }],
    ];
    for (const [what, headers] of variants) {
      const replay = await postJson("auth/reword", body, headers);
      expect(replay.status, what).toBe(409);
      expect(((await replay.json()) as { error: { details: { reason: string } } }).error.details.reason, what).toBe("signature_replay");
    }
    expect(await db().execution.count()).toBe(1);
    // A refused key was given back: a genuinely new signature may use it.
    const fresh = hookflowSignature(secret, body, Math.floor(Date.now() / 1000) + 1);
    expect((await postJson("auth/reword", body, { "x-hookflow-signature": fresh, "idempotency-key": "fresh-1" })).status).toBe(200);
    expect(await db().execution.count()).toBe(2);
  });

  it("hmac: a retry with the same signature and the same Idempotency-Key gets the first answer, no new run", async () => {
    const user = await makeUser();
    const { secret } = await makeWebhook(user, { path: "auth/retry", auth: { type: "hmac" } });
    const headers = { "x-hookflow-signature": hookflowSignature(secret, body), "idempotency-key": "order-7" };
    const first = await postJson("auth/retry", body, headers);
    expect(first.status).toBe(200);
    const retry = await postJson("auth/retry", body, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await db().execution.count()).toBe(1);
  });

  it("github: X-Hub-Signature-256 over the raw body runs; another body is 401", async () => {
    const user = await makeUser();
    const { secret } = await makeWebhook(user, { path: "auth/github", auth: { type: "github" } });
    const ok = await postJson("auth/github", body, { "x-hub-signature-256": githubSignature(secret, body) });
    expect(ok.status).toBe(200);
    const forged = await postJson("auth/github", `${body} `, { "x-hub-signature-256": githubSignature(secret, body) });
    expect(forged.status).toBe(401);
    expect(await db().execution.count()).toBe(1);
  });

  it("rotation invalidates the old secret at once; saves keep a secret until the auth type changes", async () => {
    const user = await makeUser();
    const { workflowId, secret } = await makeWebhook(user, { path: "auth/rotate", auth: { type: "header" } });
    const params = { id: workflowId, nodeId: "webhook" };

    // Saving the same definition again keeps the secret; the secret never appears in the workflow.
    const definition = echoWorkflow({ path: "auth/rotate", auth: { type: "header" } });
    const saved = await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflowId}`, { method: "PUT", body: JSON.stringify(definition) }), { id: workflowId });
    expect(saved.status).toBe(200);
    expect(await saved.text()).not.toContain(secret);
    expect(await readSecret(user.apiKey, workflowId)).toBe(secret);

    // Another user cannot read or rotate it.
    const stranger = await makeUser("stranger");
    expect((await call(secretRoute.GET, authed(stranger.apiKey, `/api/workflows/${workflowId}/webhooks/webhook/secret`), params)).status).toBe(404);
    expect((await call(rotateRoute.POST, authed(stranger.apiKey, `/x`, { method: "POST" }), params)).status).toBe(404);
    expect(await readSecret(user.apiKey, workflowId)).toBe(secret);

    const rotated = await call(rotateRoute.POST, authed(user.apiKey, `/x`, { method: "POST" }), params);
    expect(rotated.status).toBe(200);
    const next = (await rotated.json()) as { secret: string; headerName: string };
    expect(next.secret).not.toBe(secret);
    expect(next.headerName).toBe("x-hookflow-secret");
    expect((await postJson("auth/rotate", body, { "x-hookflow-secret": secret })).status).toBe(401);
    expect((await postJson("auth/rotate", body, { "x-hookflow-secret": next.secret })).status).toBe(200);

    // hmac needs a secret of its own; "none" has none (409 on read).
    const toHmac = echoWorkflow({ path: "auth/rotate", auth: { type: "hmac" } });
    await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflowId}`, { method: "PUT", body: JSON.stringify(toHmac) }), { id: workflowId });
    const hmacSecret = await readSecret(user.apiKey, workflowId);
    expect(hmacSecret).not.toBe(next.secret);
    const toNone = echoWorkflow({ path: "auth/rotate" });
    await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflowId}`, { method: "PUT", body: JSON.stringify(toNone) }), { id: workflowId });
    expect((await call(secretRoute.GET, authed(user.apiKey, `/x`), params)).status).toBe(409);
    expect((await postJson("auth/rotate", body)).status).toBe(200);
  });
});
