import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { makeUser, makeWorkflow, recordRealtime } from "./helpers";
import { deliver } from "./webhook-fixtures";

// A webhook answers on the app's origin: whatever a workflow makes it answer must not run script
// as the app or change the app's browser state (docs/security/webhook-responses.md).

function respondWorkflow(path: string, respond: Record<string, unknown>, methods = ["GET", "POST"]) {
  return {
    name: `respond ${path}`,
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods, responseMode: "respondNode" } },
      { id: "reply", type: "respond", parameters: respond },
    ],
    connections: [{ from: "webhook", to: "reply" }],
    settings: {},
  };
}

const get = (path: string) => deliver({ segments: path.split("/"), method: "GET", via: "GET" });

function expectSandboxed(response: Response) {
  expect(response.headers.get("content-security-policy")).toBe("sandbox");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
}

async function onlyExecution() {
  const executions = await db().execution.findMany({ select: { status: true, responseStatus: true, responseSent: true, error: true } });
  expect(executions).toHaveLength(1);
  return executions[0]!;
}

describe("webhook responses are sandboxed and carry no forbidden headers", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  afterEach(() => setPublishTransport(async () => undefined));

  it("serves an HTML answer with CSP sandbox and nosniff, whatever content-type the node set", async () => {
    const user = await makeUser();
    const html = "<script>fetch('/api/api-keys',{method:'POST'})</script>";
    await makeWorkflow(user.id, respondWorkflow("page", { headers: { "content-type": "{{ 'text/html' }}" }, body: html }));
    const response = await get("page");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    expectSandboxed(response);
    expect(await response.text()).toBe(html);
  });

  it("sandboxes refusals and failures too", async () => {
    const missing = await get("nobody-here");
    expect(missing.status).toBe(404);
    expectSandboxed(missing);

    const user = await makeUser();
    await makeWorkflow(user.id, respondWorkflow("post-only", { body: "x" }, ["POST"]));
    const wrongMethod = await get("post-only");
    // The same 404 as an unknown path: a method refusal would confirm someone's path exists.
    expect(wrongMethod.status).toBe(404);
    expectSandboxed(wrongMethod);
  });

  it("fails the run when an expression injects CR/LF into a header: the sender's 500 is what is recorded", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, respondWorkflow("split", { headers: { "x-note": "{{ $json.body.note }}" }, body: "ok" }));
    const response = await deliver({ segments: ["split"], headers: { "content-type": "application/json" }, body: JSON.stringify({ note: "a\r\nset-cookie: hookflow_session=attacker" }) });
    expect(response.status).toBe(500);
    expectSandboxed(response);
    expect(response.headers.get("set-cookie")).toBeNull();
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("workflow_failed");
    expect(body.error.message).toContain('header "x-note" has an invalid value');
    const execution = await onlyExecution();
    expect(execution.status).toBe("FAILED");
    expect(execution.responseStatus).toBe(500);
  });

  it("refuses a definition saved with a forbidden header before the respond node checked them", async () => {
    const user = await makeUser();
    const { id } = await makeWorkflow(user.id, respondWorkflow("legacy", { body: "hi" }));
    // As if saved by an older version (or written around the API): set straight in the database.
    const version = await db().workflowVersion.findFirstOrThrow({ where: { workflowId: id }, select: { id: true, nodes: true } });
    const nodes = (version.nodes as { id: string; parameters: Record<string, unknown> }[]).map((n) =>
      n.id === "reply" ? { ...n, parameters: { ...n.parameters, headers: { "set-cookie": "hookflow_session=attacker; Path=/", "service-worker-allowed": "/" } } } : n,
    );
    await db().workflowVersion.update({ where: { id: version.id }, data: { nodes: nodes as Prisma.InputJsonValue } });
    const response = await get("legacy");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expectSandboxed(response);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("service-worker-allowed")).toBeNull();
    expect(await response.text()).toContain("set-cookie");
    expect(await db().execution.count()).toBe(0);
  });

  it("answers 204 without a body instead of failing to send it", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, respondWorkflow("empty", { status: 204, body: { ignored: true } }));
    const response = await get("empty");
    expect(response.status).toBe(204);
    expectSandboxed(response);
    expect(await response.text()).toBe("");
    const execution = await onlyExecution();
    expect([execution.status, execution.responseStatus]).toEqual(["SUCCEEDED", 204]);
  });
});
