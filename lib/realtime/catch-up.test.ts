import { describe, expect, it } from "vitest";
import { executionKeys } from "@/lib/query-keys";
import { catchUpKeys, catchUpUrl } from "./catch-up";

const event = (seq: number, executionId: string) => ({ seq, executionId, workflowId: "w", status: "SUCCEEDED" });

describe("catchUpKeys", () => {
  it("refetches the lists and the detail of every execution that changed, once each", () => {
    const keys = catchUpKeys(57, { events: [event(58, "a"), event(59, "b"), event(60, "a")], lastSeq: 60, hasMore: false });
    expect(keys).toEqual([executionKeys.lists(), executionKeys.detail("a"), executionKeys.detail("b")]);
  });

  it("refetches nothing when nothing changed", () => {
    expect(catchUpKeys(60, { events: [], lastSeq: 60, hasMore: false })).toEqual([]);
  });

  it("refetches everything without a baseline or when the server had more than it sent", () => {
    expect(catchUpKeys(null, { events: [], lastSeq: 60, hasMore: false })).toEqual([executionKeys.all]);
    expect(catchUpKeys(1, { events: [event(2, "a")], lastSeq: 900, hasMore: true })).toEqual([executionKeys.all]);
  });
});

describe("catchUpUrl", () => {
  it("asks for a baseline first, then for what came after the last applied seq", () => {
    expect(catchUpUrl(null)).toBe("/api/events");
    expect(catchUpUrl(0)).toBe("/api/events?after=0");
    expect(catchUpUrl(58)).toBe("/api/events?after=58");
  });
});
