import { describe, expect, it } from "vitest";
import { eventSeq, SeqTracker } from "./seq-tracker";

function tracked(baseline: number): SeqTracker {
  const tracker = new SeqTracker();
  tracker.onCaughtUp(baseline);
  return tracker;
}

describe("SeqTracker", () => {
  it("applies consecutive events and companions that share a seq", () => {
    const t = tracked(10);
    expect(t.onEvent(11)).toBe("apply");
    expect(t.onEvent(11)).toBe("apply");
    expect(t.onEvent(12)).toBe("apply");
    expect(t.lastApplied).toBe(12);
    expect(t.hasGap()).toBe(false);
  });

  it("reports a gap, and the catch-up closes it", () => {
    const t = tracked(10);
    expect(t.onEvent(13)).toBe("gap");
    expect(t.hasGap()).toBe(true);
    expect(t.lastApplied).toBe(10);
    t.onCaughtUp(13);
    expect(t.hasGap()).toBe(false);
    expect(t.lastApplied).toBe(13);
    expect(t.onEvent(12)).toBe("stale");
    expect(t.onEvent(14)).toBe("apply");
  });

  it("keeps an event that arrived during a catch-up that did not see it", () => {
    const t = tracked(10);
    expect(t.onEvent(12)).toBe("gap");
    expect(t.onEvent(14)).toBe("gap");
    // The server answered as of seq 12: 13 is still missing, 14 was applied.
    t.onCaughtUp(12);
    expect(t.lastApplied).toBe(12);
    expect(t.hasGap()).toBe(true);
    expect(t.onEvent(13)).toBe("apply");
    expect(t.lastApplied).toBe(14);
    expect(t.hasGap()).toBe(false);
  });

  it("applies everything before the baseline and then counts from it", () => {
    const t = new SeqTracker();
    expect(t.onEvent(5)).toBe("apply");
    expect(t.onEvent(7)).toBe("apply");
    t.onCaughtUp(6);
    expect(t.lastApplied).toBe(7);
    expect(t.onEvent(9)).toBe("gap");
  });

  it("never moves back", () => {
    const t = tracked(20);
    t.onCaughtUp(15);
    expect(t.lastApplied).toBe(20);
  });

  it("applies events without a seq (a server from before sequence numbers)", () => {
    const t = tracked(3);
    expect(t.onEvent(null)).toBe("apply");
    expect(t.lastApplied).toBe(3);
  });
});

describe("eventSeq", () => {
  it("reads a non-negative integer seq and nothing else", () => {
    expect(eventSeq({ executionId: "x", seq: 42 })).toBe(42);
    expect(eventSeq({ executionId: "x" })).toBeNull();
    expect(eventSeq({ seq: "42" })).toBeNull();
    expect(eventSeq({ seq: -1 })).toBeNull();
    expect(eventSeq({ seq: 1.5 })).toBeNull();
    expect(eventSeq(null)).toBeNull();
  });
});
