import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// The proxy as Next calls it, with a dedicated webhook origin configured (env is read once, so it
// is set before the first import).
let proxy: (request: NextRequest) => Response;
beforeAll(async () => {
  const env = { HOOKFLOW_WEBHOOK_ORIGIN: "https://hooks.example.com", PUSHER_APP_ID: "1", PUSHER_KEY: "key", PUSHER_SECRET: "secret", PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001" };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  ({ proxy } = await import("@/proxy"));
});

const request = (host: string, path: string) => new NextRequest(`http://${host}${path}`, { headers: { host } });

describe("proxy", () => {
  it("answers 404 for anything but webhooks on the webhook origin's host", async () => {
    for (const path of ["/", "/sign-in", "/executions", "/api/api-keys", "/api/auth/sign-in"]) {
      const response = proxy(request("hooks.example.com", path));
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    for (const path of ["/api/webhooks/orders", "/api/executions/x/status"]) expect(proxy(request("hooks.example.com", path)).headers.get("x-middleware-next"), path).toBe("1");
  });

  it("keeps serving the app, and webhooks, on the app's own host; pages get a fresh nonce CSP", () => {
    const first = proxy(request("app.example.com", "/executions"));
    const second = proxy(request("app.example.com", "/executions"));
    expect(first.headers.get("x-middleware-next")).toBe("1");
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:6001 wss://127.0.0.1:6001");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    // Next reads the nonce from the forwarded request header.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const api = proxy(request("app.example.com", "/api/api-keys"));
    expect(api.headers.get("x-middleware-next")).toBe("1");
    expect(api.headers.get("content-security-policy")).toBeNull();
  });

  it("sandboxes the refusals it answers for webhook paths", () => {
    const response = proxy(request("app.example.com", "/api/webhooks/%ff"));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-security-policy")).toBe("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
