import { describe, expect, it } from "vitest";
import { buildCurl, expectedComment, shellQuote } from "./build-curl";

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

describe("buildCurl with the answer the sender got", () => {
  const trigger = { method: "POST", path: "p", query: {}, headers: {}, body: null };
  const sent = { status: 422, ms: 12, headers: {}, body: '{"error":"amount must be positive"}', bodyBytes: 35, bodyTruncated: false };

  it("ends with the expected status and the body's first line as comments", () => {
    expect(buildCurl(trigger, "http://h", sent)).toBe(`curl -X POST 'http://h/api/webhooks/p'\n# expected: HTTP 422\n# {"error":"amount must be positive"}`);
  });

  it("cuts a long or multi-line body and says how big it was; an empty body is just the status", () => {
    const long = expectedComment({ ...sent, body: `${"x".repeat(300)}\nsecond line`, bodyBytes: 312 });
    expect(long).toBe(`# expected: HTTP 422\n# ${"x".repeat(120)}… (312 bytes)`);
    expect(expectedComment({ ...sent, status: 204, body: "", bodyBytes: 0 })).toBe("# expected: HTTP 204");
    expect(buildCurl(trigger, "http://h", null)).not.toContain("expected");
  });
});
