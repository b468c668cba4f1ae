import { createHmac } from "node:crypto";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as secretRoute from "@/app/api/workflows/[id]/webhooks/[nodeId]/secret/route";
import { authed, call, makeWorkflow } from "./helpers";

// Shared by test/webhook-*.int.test.ts: workflows with a given webhook node, signing the way a
// sender does, and calling the real route handlers.

export type WebhookParams = Record<string, unknown> & { path: string };

// webhook → set (echoes what the run saw) ; lastNode answers the set node's output.
export function echoWorkflow(webhook: WebhookParams, name = "Echo") {
  return {
    name,
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { methods: ["POST"], ...webhook } },
      { id: "echo", type: "set", parameters: { keepInput: false, fields: { body: "{{ $json.body }}", n: "{{ $json.body.n }}" } } },
    ],
    connections: [{ from: "webhook", to: "echo" }],
    settings: {},
  };
}

export async function makeWebhook(user: { id: string; apiKey: string }, webhook: WebhookParams) {
  const { id } = await makeWorkflow(user.id, echoWorkflow(webhook, `Echo ${webhook.path}`));
  const auth = (webhook.auth as { type?: string } | undefined)?.type ?? "none";
  const secret = auth === "none" ? "" : await readSecret(user.apiKey, id);
  return { workflowId: id, secret };
}

export async function readSecret(apiKey: string, workflowId: string, nodeId = "webhook"): Promise<string> {
  const response = await call(secretRoute.GET, authed(apiKey, `/api/workflows/${workflowId}/webhooks/${nodeId}/secret`), { id: workflowId, nodeId });
  if (response.status !== 200) throw new Error(`secret: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { secret: string }).secret;
}

export function hookflowSignature(secret: string, body: string | Uint8Array, t = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  return `t=${t},v1=${v1}`;
}

export function githubSignature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

type Handler = typeof webhookRoute.POST;
const HANDLERS: Record<string, Handler> = {
  GET: webhookRoute.GET,
  POST: webhookRoute.POST,
  PUT: webhookRoute.PUT,
  PATCH: webhookRoute.PATCH,
  DELETE: webhookRoute.DELETE,
};

export type Delivery = {
  segments: string[];
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  /** Which exported handler receives it (Next routes unexported methods itself). */
  via?: keyof typeof HANDLERS;
};

export function deliver(d: Delivery): Promise<Response> {
  const method = d.method ?? "POST";
  const url = `http://localhost:3000/api/webhooks/${d.segments.map(encodeURIComponent).join("/")}`;
  const init: RequestInit & { duplex?: "half" } = { method, headers: d.headers, body: d.body ?? null };
  if (d.body instanceof ReadableStream) init.duplex = "half";
  const handler = HANDLERS[d.via ?? method.toUpperCase()] ?? webhookRoute.POST;
  return call(handler, new Request(url, init), { path: d.segments });
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return deliver({ segments: path.split("/"), headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}
