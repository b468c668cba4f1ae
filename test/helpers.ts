import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { createApiKey } from "@/lib/auth/api-keys";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { setPublishTransport } from "@/lib/realtime/publisher";

let counter = 0;
// scrypt at N = 2^17 costs up to seconds here: one hash of the shared test password per process.
let testPasswordHash: Promise<string> | undefined;

export async function makeUser(label = "user") {
  counter += 1;
  const email = `${label}-${counter}-${Date.now()}@test.dev`;
  const passwordHash = await (testPasswordHash ??= hashPassword("password123"));
  const user = await db().user.create({ data: { email, passwordHash }, select: { id: true, email: true } });
  const { key } = await createApiKey(user.id, "test");
  return { ...user, apiKey: key };
}

export async function makeWorkflow(userId: string, definition: unknown) {
  const { input } = parseWorkflowInput(definition);
  return createWorkflow(userId, input);
}

export type Published = { channel: string; name: string; data: Record<string, unknown> };

// Records what would have been sent to Pusher; `fail` makes every send throw.
export function recordRealtime(options: { fail?: boolean } = {}) {
  const events: Published[] = [];
  setPublishTransport(async (batch) => {
    if (options.fail) throw new Error("pusher is down");
    for (const e of batch) events.push(e as Published);
  });
  return events;
}

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export function call<P>(handler: RouteHandler<P>, request: Request, params: P): Promise<Response> {
  return handler(request, { params: Promise.resolve(params) });
}

export function authed(apiKey: string, url: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${apiKey}`);
  return new Request(`http://localhost:3000${url}`, { ...init, headers });
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// A loopback HTTP target for httpRequest nodes: answers JSON with the path it was asked for.
export async function startEchoTarget(): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer } = await import("node:http");
  const server = createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: req.url })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
