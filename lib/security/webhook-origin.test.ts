import { describe, expect, it } from "vitest";
import { isOnWebhookOrigin, isWebhookSurface } from "./webhook-origin";

const at = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("dedicated webhook origin", () => {
  it("serves webhooks, their status URLs and the health check there, nothing else", () => {
    for (const path of ["/api/webhooks/orders", "/api/webhooks/a/b", "/api/executions/0b6c/status", "/api/health"]) expect(isWebhookSurface(path), path).toBe(true);
    for (const path of ["/", "/sign-in", "/executions", "/api/api-keys", "/api/webhooks", "/api/webhooks/", "/api/executions/0b6c", "/api/auth/sign-in"]) expect(isWebhookSurface(path), path).toBe(false);
  });

  it("recognises the webhook host from the Host header (forwarded host only behind a trusted proxy)", () => {
    const origin = "https://hooks.example.com";
    // APP_URL never decides which host a request came to.
    const direct = { appUrl: "https://app.example.com", trustProxy: false };
    const proxied = { appUrl: "https://app.example.com", trustProxy: true };
    expect(isOnWebhookOrigin(at("http://localhost:3000/x", { host: "hooks.example.com" }), origin, direct)).toBe(true);
    expect(isOnWebhookOrigin(at("http://localhost:3000/x", { host: "app.example.com" }), origin, direct)).toBe(false);
    expect(isOnWebhookOrigin(at("http://localhost:3000/x", { host: "app.example.com", "x-forwarded-host": "hooks.example.com" }), origin, direct)).toBe(false);
    expect(isOnWebhookOrigin(at("http://localhost:3000/x", { host: "internal:3000", "x-forwarded-host": "hooks.example.com" }), origin, proxied)).toBe(true);
    expect(isOnWebhookOrigin(at("http://localhost:3000/x", { host: "hooks.example.com" }), undefined, direct)).toBe(false);
  });
});
