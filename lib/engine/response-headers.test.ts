import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_WIDE_RESPONSE_HEADERS, headerNameProblem, headerValueProblem, WEBHOOK_RESPONSE_SECURITY_HEADERS } from "./response-headers";

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

describe("webhook response headers", () => {
  it("refuses every header the app sets itself, so a node's copy is never silently dropped", async () => {
    const config = createRequire(import.meta.url)(path.resolve(__dirname, "../../next.config.js")) as { poweredByHeader: boolean; headers: () => Promise<HeaderRule[]> };
    const appWide = (await config.headers()).flatMap((rule) => rule.headers.map((h) => h.key.toLowerCase()));
    expect(new Set(appWide)).toEqual(new Set([...APP_WIDE_RESPONSE_HEADERS, "x-content-type-options"]));
    for (const name of [...appWide, ...Object.keys(WEBHOOK_RESPONSE_SECURITY_HEADERS)]) expect(headerNameProblem(name), name).toContain("set by the app");
    expect(config.poweredByHeader).toBe(false);
  });

  it("accepts ordinary headers, and refuses hop-by-hop and malformed ones", () => {
    for (const name of ["content-type", "Location", "cache-control", "access-control-allow-origin", "permissions-policy", "x-frame-options-note"]) expect(headerNameProblem(name), name).toBeUndefined();
    for (const name of ["Connection", "proxy-foo", "TE", "trailer", "keep-alive", "upgrade"]) expect(headerNameProblem(name), name).toContain("hop-by-hop");
    for (const name of ["", "a b", "a:b", "é", "a\r\nb"]) expect(headerNameProblem(name), JSON.stringify(name)).toContain("not a valid HTTP header name");
  });

  it("refuses values the HTTP layer would refuse", () => {
    expect(headerValueProblem("x", "text/html; charset=utf-8")).toBeUndefined();
    expect(headerValueProblem("x", "caf\u00e9\tok")).toBeUndefined();
    for (const value of ["a\r\nb", "a\nb", "a\rb", "a\u0000b", "\u0100", "a\u007fb"]) {
      expect(headerValueProblem("X-Note", value), JSON.stringify(value)).toContain('header "x-note" has an invalid value');
      // The contract: whatever passes here, undici accepts.
    }
    expect(() => new Headers({ x: "caf\u00e9\tok" })).not.toThrow();
  });
});
