import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { makeUser, recordRealtime } from "./helpers";
import { makeWebhook, postJson } from "./webhook-fixtures";

// Real connection failures: a pg pool pointed at a port nothing listens on (ECONNREFUSED),
// swapped in for the app's pool — for every statement, or only for the execution insert.
const globalForDb = globalThis as unknown as { hookflowPool?: pg.Pool };
const deadPool = new pg.Pool({ host: "127.0.0.1", port: 1, user: "x", database: "x", max: 1 });

function failStatements(which: (name: string | undefined) => boolean) {
  const real = pool();
  globalForDb.hookflowPool = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== "query") return Reflect.get(target, prop, receiver);
      return (config: pg.QueryConfig, values?: unknown[]) => (which(config.name) ? deadPool.query(config, values) : target.query(config, values));
    },
  });
  return () => {
    globalForDb.hookflowPool = real;
  };
}

describe("webhook with the database unavailable", () => {
  let restore: (() => void) | undefined;
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  afterAll(() => deadPool.end());
  afterEach(() => {
    restore?.();
    restore = undefined;
    setPublishTransport(async () => undefined);
  });

  it("answers 503 with Retry-After when the webhook cannot be resolved, and the retry succeeds", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "down/resolve" });
    restore = failStatements(() => true);
    const response = await postJson("down/resolve", { n: 1 });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect((await response.json()).error.code).toBe("unavailable");
    restore();
    expect(await db().execution.count()).toBe(0);
    expect((await postJson("down/resolve", { n: 1 })).status).toBe(200);
  });

  it("answers 503 when the execution insert fails, gives the idempotency key back, and the retry runs once", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "down/insert" });
    restore = failStatements((name) => name === "hookflow_execution_start");
    const response = await postJson("down/insert", { n: 1 }, { "idempotency-key": "retry-me" });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    restore();
    expect(await db().execution.count()).toBe(0);
    expect(await db().webhookDelivery.count()).toBe(0);

    const retry = await postJson("down/insert", { n: 1 }, { "idempotency-key": "retry-me" });
    expect(retry.status).toBe(200);
    expect(await db().execution.count()).toBe(1);
  });
});
