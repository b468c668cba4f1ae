import { describe, expect, it } from "vitest";
import { RESPONSE_BODY_LIMIT } from "@/lib/executions/sent-response";
import { sentResponse } from "./sender-response";

describe("sentResponse", () => {
  it("redacts secret headers, measures the time from arrival and keeps the body whole when small", () => {
    const sent = sentResponse({ status: 422, headers: { "content-type": "application/json", "set-cookie": "a=b", "x-upstream-token": "t", "x-id": "1" }, body: '{"e":1}' }, 100, 142.6);
    expect(sent).toEqual({
      status: 422,
      ms: 43,
      headers: { "content-type": "application/json", "set-cookie": "[redacted]", "x-upstream-token": "[redacted]", "x-id": "1" },
      body: '{"e":1}',
      bodyBytes: 7,
      bodyTruncated: false,
    });
  });

  it("cuts a large body at the limit without splitting a character, and keeps its real size", () => {
    const body = `${"a".repeat(RESPONSE_BODY_LIMIT - 1)}é${"b".repeat(100)}`;
    const sent = sentResponse({ status: 200, headers: {}, body }, 0, 0);
    expect(sent.bodyTruncated).toBe(true);
    expect(sent.bodyBytes).toBe(Buffer.byteLength(body));
    expect(sent.body).toBe("a".repeat(RESPONSE_BODY_LIMIT - 1));
  });
});
