import { describe, expect, it } from "vitest";
import { formatDuration, formatRelative, formatTriggerLabel } from "./format";

describe("formatDuration", () => {
  it("keeps whole-run integers and node fractions readable", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(4)).toBe("4 ms");
    expect(formatDuration(0.214)).toBe("0.21 ms");
    expect(formatDuration(3.94)).toBe("3.9 ms");
    expect(formatDuration(250.4)).toBe("250 ms");
    expect(formatDuration(1_234)).toBe("1.23 s");
    expect(formatDuration(83_000)).toBe("1 min 23 s");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("never says a past run is in the future (stale ticker, clock skew)", () => {
    expect(formatRelative("2026-01-01T12:00:09Z", now)).toBe("just now");
  });
  it("counts back in the largest whole unit", () => {
    expect(formatRelative("2026-01-01T11:57:00Z", now)).toMatch(/3 min/);
    expect(formatRelative("2026-01-01T10:00:00Z", now)).toMatch(/2 h/);
  });
});

describe("formatTriggerLabel", () => {
  it("shows the stored path (no leading slash) as a URL path", () => {
    expect(formatTriggerLabel("POST", "demo/orders")).toBe("POST /demo/orders");
    expect(formatTriggerLabel(null, null)).toBe("—");
  });
});
