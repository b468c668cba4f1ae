import { describe, expect, it } from "vitest";
import { publicBaseUrl } from "./webhook-url";

// Next builds request.url from the address it is bound to, whatever the client asked for.
const bound = (headers: Record<string, string>) => new Request("http://localhost:3400/api/workflows", { headers });
const direct = { appUrl: undefined, trustProxy: false };
const proxied = { appUrl: undefined, trustProxy: true };

describe("publicBaseUrl", () => {
  it("uses APP_URL when it is set, whatever the request says", () => {
    expect(publicBaseUrl(bound({ host: "evil.example", "x-forwarded-host": "x.example" }), { appUrl: "https://hooks.example.com/", trustProxy: true })).toBe("https://hooks.example.com");
  });

  it("uses the Host header, never the bound hostname", () => {
    expect(publicBaseUrl(bound({ host: "hooks.example.com" }), direct)).toBe("http://hooks.example.com");
    expect(publicBaseUrl(bound({ host: "Hooks.Example.com:8443" }), direct)).toBe("http://hooks.example.com:8443");
    expect(publicBaseUrl(bound({ host: "[::1]:3000" }), direct)).toBe("http://[::1]:3000");
    expect(publicBaseUrl(bound({ host: "my_app:3000" }), direct)).toBe("http://my_app:3000");
  });

  it("ignores forwarded headers unless a proxy is trusted", () => {
    const request = bound({ host: "internal:3000", "x-forwarded-host": "hooks.example.com", "x-forwarded-proto": "https" });
    expect(publicBaseUrl(request, direct)).toBe("http://internal:3000");
    expect(publicBaseUrl(request, proxied)).toBe("https://hooks.example.com");
  });

  it("takes the first entry of forwarded lists and ignores a protocol that is not http(s)", () => {
    const request = bound({ host: "internal", "x-forwarded-host": "a.example, b.internal", "x-forwarded-proto": "gopher" });
    expect(publicBaseUrl(request, proxied)).toBe("http://a.example");
  });

  it("refuses a Host header that is not a host (400) instead of echoing it into URLs", () => {
    for (const host of ["evil.example/path", "a b", "user@evil.example", "evil.example:99999x"]) {
      expect(() => publicBaseUrl(bound({ host }), direct), host).toThrowError(expect.objectContaining({ status: 400 }));
    }
  });
});
