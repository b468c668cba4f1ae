import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, realtimeSources } from "./page-csp";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("page Content-Security-Policy", () => {
  it("allows only nonced scripts, never eval in production, and no framing", () => {
    const csp = pageContentSecurityPolicy({ nonce: "abc", dev: false, https: false, realtime: undefined });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(csp).not.toContain("unsafe-eval");
    expect(pageContentSecurityPolicy({ nonce: "abc", dev: true, https: true, realtime: undefined })).toMatch(/'strict-dynamic' 'unsafe-eval'.*upgrade-insecure-requests$/);
  });

  it("lets the realtime socket reach the configured Pusher server, and nothing else", () => {
    expect(realtimeSources({ key: "k", cluster: "mt1", wsHost: "127.0.0.1", wsPort: 6001, forceTLS: false })).toEqual(["ws://127.0.0.1:6001", "wss://127.0.0.1:6001"]);
    expect(realtimeSources({ key: "k", cluster: "mt1", wsHost: "soketi.example.com", forceTLS: true })).toEqual(["wss://soketi.example.com"]);
    expect(realtimeSources({ key: "k", cluster: "eu", forceTLS: true })).toEqual(["wss://ws-eu.pusher.com", "https://sockjs-eu.pusher.com"]);
    // A configured value that would inject a directive is left out.
    expect(realtimeSources({ key: "k", cluster: "mt1", wsHost: "x; script-src *", forceTLS: false })).toEqual([]);
    expect(realtimeSources({ key: "k", cluster: "eu; script-src *", forceTLS: true })).toEqual([]);
  });
});
