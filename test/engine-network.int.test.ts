import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { call, makeUser, makeWorkflow, recordRealtime, startEchoTarget } from "./helpers";

// A separate file: the server setting is read once per module graph, and this one allows it.
// Hoisted above the imports, which may read the engine settings as they load.
const previous = vi.hoisted(() => {
  const value = process.env.HOOKFLOW_ALLOW_PRIVATE_NETWORK;
  process.env.HOOKFLOW_ALLOW_PRIVATE_NETWORK = "true";
  return value;
});
let target: Awaited<ReturnType<typeof startEchoTarget>>;
let targetUrl: string;

beforeAll(async () => {
  target = await startEchoTarget();
  targetUrl = target.url;
  await resetDatabase();
  recordRealtime();
});

afterAll(async () => {
  if (previous === undefined) delete process.env.HOOKFLOW_ALLOW_PRIVATE_NETWORK;
  else process.env.HOOKFLOW_ALLOW_PRIVATE_NETWORK = previous;
  setPublishTransport(async () => undefined);
  await target.close();
});

it("calls a loopback target when HOOKFLOW_ALLOW_PRIVATE_NETWORK=true", async () => {
  const user = await makeUser();
  await makeWorkflow(user.id, {
    name: "Internal call",
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path: "internal" } },
      { id: "call", type: "httpRequest", parameters: { method: "GET", url: `${targetUrl}/orders/{{ $json.body.id }}` } },
    ],
    connections: [{ from: "webhook", to: "call" }],
  });
  const request = new Request("http://localhost:3000/api/webhooks/internal", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: 42 }) });
  const response = await call(webhookRoute.POST, request, { path: ["internal"] });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 200, body: { path: "/orders/42" } });
});
