import { describe, expect, it } from "vitest";
import { runWorkflow } from "@/lib/engine/run-workflow";
import { triggerPayload } from "@/lib/engine/test-support";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { WORKFLOW_TEMPLATES } from "./index";

const NOW = new Date("2030-05-06T07:08:09.000Z");

function template(id: string) {
  const found = WORKFLOW_TEMPLATES.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no template ${id}`);
  return found;
}

async function run(id: string, body: unknown = template(id).sampleBody) {
  const checked = validateWorkflow(template(id).build(`t/${id}`));
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const result = await runWorkflow(checked.workflow, { triggerNodeId: "webhook", trigger: triggerPayload(body), now: () => NOW });
  expect(result.status).toBe("completed");
  return result;
}

describe("workflow templates", () => {
  it("each has a unique id and title, puts the path on its webhook, and validates", () => {
    expect(new Set(WORKFLOW_TEMPLATES.map((t) => t.id)).size).toBe(WORKFLOW_TEMPLATES.length);
    expect(WORKFLOW_TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const t of WORKFLOW_TEMPLATES) {
      const definition = t.build(`x/${t.id}`);
      expect(definition.nodes.find((n) => n.type === "webhook")?.parameters.path).toBe(`x/${t.id}`);
      expect(validateWorkflow(definition).ok, t.id).toBe(true);
    }
  });

  it("order-received: answers with the result of its last node", async () => {
    const result = await run("order-received");
    expect(result.lastData).toEqual({ orderId: "A-1001", tier: "priority" });
  });

  it("github-push: notifies for main and release branches, ignores others", async () => {
    expect((await run("github-push")).response).toEqual({
      status: 202,
      headers: {},
      body: { notified: true, channel: "#deploys", text: "ada pushed 2 commit(s) to acme/shop@main" },
    });
    const release = await run("github-push", { ...(template("github-push").sampleBody as object), ref: "refs/heads/release/1.2" });
    expect(release.response?.body).toEqual({ notified: true, channel: "#releases", text: "Release branch release/1.2 updated by ada" });
    const feature = await run("github-push", { ...(template("github-push").sampleBody as object), ref: "refs/heads/feature/x" });
    expect(feature.response).toEqual({ status: 200, headers: {}, body: { notified: false, reason: "branch feature/x is not watched" } });
    expect(feature.executionPath).not.toContain("notification");
  });

  it("form-post: 200 with the normalised contact, 422 when a field is missing or malformed", async () => {
    expect((await run("form-post")).response).toEqual({
      status: 200,
      headers: {},
      body: { ok: true, contact: { name: "Ada Lovelace", email: "ada@example.com", message: "Hello", receivedAt: NOW.toISOString() } },
    });
    for (const body of [{ email: "a@b.c" }, { name: "  ", email: "a@b.c" }, { name: "Ada", email: "not-an-email" }, "plain text"]) {
      const result = await run("form-post", body);
      expect(result.response, JSON.stringify(body)).toEqual({ status: 422, headers: {}, body: { ok: false, error: "name and a valid email are required" } });
    }
  });

  it("order-routing: joins the taken shipping branch with loyalty points by orderId", async () => {
    const eu = await run("order-routing");
    expect(eu.response).toEqual({ status: 200, headers: {}, body: { orderId: "B-7", region: "eu", total: 129, carrier: "DHL", days: 3, points: 12 } });
    expect(eu.executionPath).not.toContain("ship-us");
    const other = await run("order-routing", { orderId: "C-1", region: "jp", total: 40 });
    expect(other.response?.body).toEqual({ orderId: "C-1", region: "jp", total: 40, carrier: "FedEx", days: 7, points: 4 });
  });
});
