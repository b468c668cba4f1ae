import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { makeUser, recordRealtime, waitFor } from "./helpers";
import { makeWebhook, postJson } from "./webhook-fixtures";

async function answerOf(response: Response) {
  return { status: response.status, executionId: response.headers.get("x-hookflow-execution-id"), body: await response.text() };
}

describe("webhook idempotency", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("20 concurrent duplicates → one execution and 20 identical answers", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "idem/orders" });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson("idem/orders", { n: 7 }, { "idempotency-key": "order-7" })),
    );
    const answers = await Promise.all(responses.map(answerOf));
    expect(await db().execution.count()).toBe(1);
    const execution = await db().execution.findFirstOrThrow();
    for (const answer of answers) expect(answer).toEqual({ status: 200, executionId: execution.id, body: answers[0]!.body });
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ n: 7 });
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
    expect(execution.response).toMatchObject({ status: 200, body: answers[0]!.body });

    // A later duplicate (after the run finished) gets the same answer too; another key runs again.
    expect(await answerOf(await postJson("idem/orders", { n: 8 }, { "idempotency-key": "order-7" }))).toEqual(answers[0]);
    const other = await postJson("idem/orders", { n: 8 }, { "idempotency-key": "order-8" });
    expect(other.status).toBe(200);
    expect(await db().execution.count()).toBe(2);
  });

  it("immediately mode: duplicates get the same 202 and the run happens once", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "idem/later", responseMode: "immediately" });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postJson("idem/later", { n: 1 }, { "idempotency-key": "k" }).then(answerOf)),
    );
    const execution = await db().execution.findFirstOrThrow();
    for (const answer of answers) expect(answer).toEqual({ status: 202, executionId: execution.id, body: JSON.stringify({ executionId: execution.id }) });
    await waitFor(() => db().execution.findFirst({ where: { status: "SUCCEEDED" } }), "run to finish");
    expect(await db().execution.count()).toBe(1);
  });

  it("a configured header (X-GitHub-Delivery) or body field is the key", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "idem/github", idempotency: { header: "X-GitHub-Delivery" } });
    await makeWebhook(user, { path: "idem/body", idempotency: { bodyField: "event.id" } });
    const a = await postJson("idem/github", { n: 1 }, { "x-github-delivery": "d-1" });
    const b = await postJson("idem/github", { n: 2 }, { "x-github-delivery": "d-1" });
    expect(b.headers.get("x-hookflow-execution-id")).toBe(a.headers.get("x-hookflow-execution-id"));
    const c = await postJson("idem/body", { n: 1, event: { id: 42 } });
    const d = await postJson("idem/body", { n: 2, event: { id: 42 } });
    expect(await d.json()).toEqual(await c.json());
    expect(await db().execution.count()).toBe(2);
  });

  it("keys older than 24 h no longer match", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "idem/old" });
    const first = await postJson("idem/old", { n: 1 }, { "idempotency-key": "again" });
    await db().$executeRawUnsafe(`UPDATE "WebhookDelivery" SET "createdAt" = now() - interval '25 hours'`);
    const second = await postJson("idem/old", { n: 2 }, { "idempotency-key": "again" });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-hookflow-execution-id")).not.toBe(first.headers.get("x-hookflow-execution-id"));
    expect(await second.json()).toMatchObject({ n: 2 });
    expect(await db().execution.count()).toBe(2);
    expect(await db().webhookDelivery.count()).toBe(1);
  });

  it("a failed run's answer is replayed too, not re-run", async () => {
    const user = await makeUser();
    await makeWebhook(user, { path: "idem/fail" });
    // $number of a word fails the set node.
    const bad = { n: "not-a-number" };
    const workflowId = (await db().workflow.findFirstOrThrow()).id;
    await db().workflowVersion.updateMany({
      where: { workflowId },
      data: { nodes: [{ id: "webhook", type: "webhook", parameters: { path: "idem/fail" } }, { id: "echo", type: "set", parameters: { fields: { x: "{{ $number($json.body.n) }}" } } }] },
    });
    const first = await answerOf(await postJson("idem/fail", bad, { "idempotency-key": "f" }));
    expect(first.status).toBe(500);
    expect(await answerOf(await postJson("idem/fail", bad, { "idempotency-key": "f" }))).toEqual(first);
    expect(await db().execution.count()).toBe(1);
  });
});
