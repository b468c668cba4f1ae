import { describe, expect, it } from "vitest";
import { buildChartModel, niceCeiling } from "./chart-model";

const from = "2026-11-26T10:00:00.000Z";

describe("buildChartModel", () => {
  it("fills empty minutes and stacks statuses per minute", () => {
    const model = buildChartModel({
      from,
      to: "2026-11-26T10:05:00.000Z",
      bucketMs: 60_000,
      buckets: [
        { at: "2026-11-26T10:01:00.000Z", counts: { SUCCEEDED: 3, FAILED: 1 } },
        { at: "2026-11-26T10:04:00.000Z", counts: { RUNNING: 2 } },
      ],
    });
    expect(model.columns).toHaveLength(5);
    expect(model.columns.map((c) => c.total)).toEqual([0, 4, 0, 0, 2]);
    expect(model.columns[1]!.counts).toEqual({ SUCCEEDED: 3, FAILED: 1 });
    expect(model.max).toBe(4);
    expect(model.total).toBe(6);
  });

  it("groups minutes when the window has more than the column limit", () => {
    const model = buildChartModel(
      { from, to: "2026-11-26T11:00:00.000Z", bucketMs: 60_000, buckets: [{ at: "2026-11-26T10:07:00.000Z", counts: { FAILED: 2 } }, { at: "2026-11-26T10:09:00.000Z", counts: { FAILED: 1 } }] },
      12,
    );
    expect(model.columns).toHaveLength(12);
    expect(model.bucketMs).toBe(5 * 60_000);
    expect(model.columns[1]!.counts).toEqual({ FAILED: 3 });
  });
});

describe("niceCeiling", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 12, 48, 51, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 50, 100, 1000]);
  });
});
