import { db } from "@/lib/db";
import type { RouteMethod } from "@/lib/api/route-methods";
import { createBulkOperation } from "@/lib/executions/bulk/bulk-operations";
import { newStatusToken } from "@/lib/executions/execution-status-token";
import { userChannel } from "@/lib/realtime/events";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import { makeWorkflow } from "../helpers";
import { echoWorkflow, postJson } from "../webhook-fixtures";

// One well-formed request per route method, built on the fuzzer's fixtures: what a real client
// sends. The fuzzer asserts each gets a 2xx, so every route's logic past auth and validation is
// reached at least once per run, whatever the random generators manage. A route with no entry here
// fails the fuzzer until it gets one.

export type Fixtures = { owner: { id: string; email: string }; apiKey: string; workflowPath: string; ids: { workflow: string; execution: string; apiKey: string } };

export type ValidRequest = {
  method: RouteMethod;
  params?: Record<string, string | string[]>;
  query?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Who asks: the fixture API key (default), the cron secret, or no one (public routes). */
  as?: "apiKey" | "cron" | "anonymous";
  /** The answer a valid request gets; a 2xx unless stated (only the catch-all 404 route). */
  status?: number;
};

let unique = 0;
const next = () => `${Date.now()}-${++unique}`;

/** A run parked on a long wait (WAITING): the one kind a user can still cancel. */
async function waitingExecution(f: Fixtures): Promise<string> {
  const path = `fuzz/waiting-${next()}`;
  await makeWorkflow(f.owner.id, {
    name: "Parks",
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, responseMode: "lastNode" } },
      { id: "pause", type: "wait", parameters: { ms: 3_600_000 } },
    ],
    connections: [{ from: "webhook", to: "pause" }],
  });
  const response = await postJson(path, {});
  const { executionId, status } = (await response.json()) as { executionId: string; status: string };
  if (status !== "WAITING") throw new Error(`fixture run did not park: ${response.status} ${status}`);
  return executionId;
}

export const VALID_REQUESTS: Record<string, (f: Fixtures) => Promise<ValidRequest[]>> = {
  // Exists only to answer unmatched /api paths with a JSON 404: it has no 2xx.
  "/api/[[...unknown]]": async () => [{ method: "GET", params: { unknown: ["no", "such", "route"] }, status: 404 }],
  "/api/api-keys": async () => [{ method: "GET" }, { method: "POST", json: { name: "from the fuzzer" } }],
  "/api/api-keys/[id]": async (f) => [{ method: "DELETE", params: { id: f.ids.apiKey } }],
  "/api/auth/sign-in": async (f) => [{ method: "POST", as: "anonymous", json: { email: f.owner.email, password: "password123" } }],
  "/api/auth/sign-out": async () => [{ method: "POST", as: "anonymous" }],
  "/api/auth/sign-up": async () => [{ method: "POST", as: "anonymous", json: { email: `fuzz-${next()}@test.dev`, password: "password123", name: "Fuzz" } }],
  "/api/cron/reconcile": async () => [{ method: "GET", as: "cron" }],
  "/api/events": async () => [{ method: "GET", query: "?after=0" }],
  "/api/executions": async (f) => [{ method: "GET", query: `?workflowId=${f.ids.workflow}&limit=5` }],
  "/api/executions/[id]": async (f) => [{ method: "GET", params: { id: f.ids.execution } }],
  "/api/executions/[id]/cancel": async (f) => [{ method: "POST", params: { id: await waitingExecution(f) } }],
  "/api/executions/[id]/rerun": async (f) => [{ method: "POST", params: { id: f.ids.execution }, json: { version: "current" } }],
  "/api/executions/[id]/reruns": async (f) => [{ method: "GET", params: { id: f.ids.execution } }],
  "/api/executions/[id]/status": async (f) => {
    // The token a deadline 202 hands out; only its hash is stored.
    const token = newStatusToken();
    await db().execution.update({ where: { id: f.ids.execution }, data: { statusTokenHash: token.hash } });
    return [{ method: "GET", params: { id: f.ids.execution }, query: `?token=${token.token}`, as: "anonymous" }];
  },
  "/api/executions/bulk": async (f) => [{ method: "POST", json: { action: "delete", ids: [f.ids.execution] } }],
  "/api/executions/bulk/[id]": async (f) => {
    const { operation } = await createBulkOperation(f.owner.id, { action: "cancel", ids: [f.ids.execution] });
    return [{ method: "GET", params: { id: operation.id } }];
  },
  "/api/executions/count": async () => [{ method: "GET", query: "?status=SUCCEEDED" }],
  "/api/executions/stats": async () => [{ method: "GET" }],
  "/api/health": async () => [{ method: "GET", as: "anonymous" }],
  "/api/realtime/auth": async (f) => [{ method: "POST", form: { socket_id: "123.456", channel_name: userChannel(f.owner.id) } }],
  "/api/settings/retention": async () => [{ method: "GET" }, { method: "PUT", json: { maxAgeDays: 30, maxExecutionsPerWorkflow: null, dropPayloadOnly: false } }],
  "/api/webhooks/[...path]": async (f) => [{ method: "POST", params: { path: f.workflowPath.split("/") }, json: WORKFLOW_TEMPLATES[0]!.sampleBody, as: "anonymous" }],
  "/api/workflows": async () => [{ method: "GET" }, { method: "POST", json: { ...WORKFLOW_TEMPLATES[0]!.build(`fuzz/created-${next()}`), active: false } }],
  "/api/workflows/stats": async () => [{ method: "GET" }],
  "/api/workflows/[id]": async (f) => [
    { method: "GET", params: { id: f.ids.workflow } },
    { method: "PUT", params: { id: f.ids.workflow }, json: { ...WORKFLOW_TEMPLATES[0]!.build(f.workflowPath), name: "Renamed", active: true } },
    { method: "DELETE", params: { id: f.ids.workflow } },
  ],
  "/api/workflows/[id]/activate": async (f) => [{ method: "POST", params: { id: f.ids.workflow } }],
  "/api/workflows/[id]/deactivate": async (f) => [{ method: "POST", params: { id: f.ids.workflow } }],
  "/api/workflows/[id]/deliveries": async (f) => [{ method: "GET", params: { id: f.ids.workflow } }],
  "/api/workflows/[id]/duplicate": async (f) => [{ method: "POST", params: { id: f.ids.workflow } }],
  "/api/workflows/[id]/run-code": async (f) => [
    { method: "POST", params: { id: f.ids.workflow }, json: { parameters: { source: "return { doubled: $json.n * 2 }" }, input: { n: 21 } } },
  ],
  "/api/workflows/[id]/stats": async (f) => [{ method: "GET", params: { id: f.ids.workflow } }],
  "/api/workflows/[id]/test": async (f) => [{ method: "POST", params: { id: f.ids.workflow }, json: { body: WORKFLOW_TEMPLATES[0]!.sampleBody } }],
  "/api/workflows/[id]/versions": async (f) => [{ method: "GET", params: { id: f.ids.workflow } }],
  // Version numbers, not ids: the fixture workflow was saved once, as version 1.
  "/api/workflows/[id]/versions/[version]": async (f) => [{ method: "GET", params: { id: f.ids.workflow, version: "1" } }],
  "/api/workflows/[id]/versions/[version]/restore": async (f) => [{ method: "POST", params: { id: f.ids.workflow, version: "1" } }],
  "/api/workflows/[id]/webhooks/[nodeId]/secret": async (f) => [{ method: "GET", params: { id: await signedWorkflow(f), nodeId: "webhook" } }],
  "/api/workflows/[id]/webhooks/[nodeId]/rotate-secret": async (f) => [{ method: "POST", params: { id: await signedWorkflow(f), nodeId: "webhook" } }],
};

/** A workflow whose webhook checks an HMAC signature: it has a secret to read and rotate. */
async function signedWorkflow(f: Fixtures): Promise<string> {
  const { id } = await makeWorkflow(f.owner.id, echoWorkflow({ path: `fuzz/signed-${next()}`, auth: { type: "hmac" } }));
  return id;
}
