import { describe, expect, it } from "vitest";
import { buildCurl, shellQuote } from "./build-curl";

describe("buildCurl", () => {
  it("replays method, URL with query, kept headers and JSON body", () => {
    const curl = buildCurl(
      {
        method: "POST",
        path: "demo/orders",
        query: { source: "shop", tag: ["a", "b"] },
        headers: { host: "x", "content-length": "42", connection: "keep-alive", "x-forwarded-for": "::1", "content-type": "application/json", "x-hookflow-signature": "[redacted]", "x-trace": "it's" },
        body: { orderId: "A-1", note: "O'Brien" },
      },
      "https://hooks.example.com",
    );
    expect(curl).toBe(
      [
        "curl -X POST 'https://hooks.example.com/api/webhooks/demo/orders?source=shop&tag=a&tag=b'",
        "-H 'content-type: application/json'",
        `-H 'x-trace: it'\\''s'`,
        `--data-raw '{"orderId":"A-1","note":"O'\\''Brien"}'`,
      ].join(" \\\n  "),
    );
  });

  it("encodes form bodies and leaves out an empty body", () => {
    const form = buildCurl({ method: "POST", path: "f", query: {}, headers: { "content-type": "application/x-www-form-urlencoded" }, body: { a: "1 2" } }, "http://h");
    expect(form).toContain("--data-raw 'a=1+2'");
    expect(buildCurl({ method: "GET", path: "g", query: {}, headers: {}, body: null }, "http://h")).toBe("curl -X GET 'http://h/api/webhooks/g'");
  });

  it("quotes for a POSIX shell", () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
