import { beforeEach, describe, expect, it } from "vitest";
import * as workflowsRoute from "@/app/api/workflows/route";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import { db } from "@/lib/db";
import { resetDatabase } from "./db";
import { authed, call, makeUser, recordRealtime } from "./helpers";
import { echoWorkflow, postJson } from "./webhook-fixtures";

// Webhook paths are one namespace for every user (issue 18): `A/orders` may not sit beside
// another user's `a/orders`, a lookalike a sender could be pointed at.
async function save(apiKey: string, definition: unknown) {
  return call(workflowsRoute.POST, authed(apiKey, "/api/workflows", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(definition) }), {});
}

describe("webhook paths", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });

  it("are unique without case across users; the refusal does not say whose the path is", async () => {
    const owner = await makeUser("owner");
    const other = await makeUser("other");
    expect((await save(owner.apiKey, echoWorkflow({ path: "Shop/Orders" }))).status).toBe(201);
    for (const path of ["shop/orders", "SHOP/ORDERS", "Shop/Orders"]) {
      const refused = await save(other.apiKey, echoWorkflow({ path }));
      expect(refused.status, path).toBe(409);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.message).not.toContain(owner.email);
      expect(error.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    }
    expect(await db().webhookTrigger.count()).toBe(1);
    // Requests still match the stored path exactly.
    expect((await postJson("Shop/Orders", { n: 1 })).status).toBe(200);
    expect((await postJson("shop/orders", { n: 1 })).status).toBe(404);
  });

  it("two nodes of one workflow cannot differ only in case; an owner may change the case of its own path", async () => {
    const user = await makeUser();
    const twice = echoWorkflow({ path: "dup/x" });
    twice.nodes.push({ id: "webhook2", type: "webhook", parameters: { methods: ["POST"], path: "DUP/X" } });
    expect((await save(user.apiKey, twice)).status).toBe(409);

    const created = await save(user.apiKey, echoWorkflow({ path: "case/me" }));
    const { id } = (await created.json()) as { id: string };
    const renamed = await call(
      workflowRoute.PUT,
      authed(user.apiKey, `/api/workflows/${id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(echoWorkflow({ path: "Case/Me" })) }),
      { id },
    );
    expect(renamed.status).toBe(200);
    expect((await db().webhookTrigger.findFirstOrThrow({ where: { workflowId: id } })).path).toBe("Case/Me");
  });
});
