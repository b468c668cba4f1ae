import { describe, expect, it } from "vitest";
import type { NodeRun } from "@/components/data/api-types";
import { buildTimeline, timelineTicks } from "./timeline-model";

const start = "2026-01-01T12:00:00.000Z";
function run(nodeId: string, startedAt: string, durationMs: number, extra: Partial<NodeRun> = {}): NodeRun {
  return { id: nodeId, nodeId, nodeType: "code", runIndex: 0, attempt: 1, status: "SUCCEEDED", startedAt, finishedAt: startedAt, durationMs, input: null, output: null, error: null, ...extra };
}

describe("buildTimeline", () => {
  it("places nodes at their offset from the run start", () => {
    const { totalMs, bars } = buildTimeline(start, 100, [run("a", start, 10), run("b", "2026-01-01T12:00:00.040Z", 50)], 0);
    expect(totalMs).toBe(100);
    expect(bars.map((b) => [b.offsetMs, b.durationMs])).toEqual([[0, 10], [40, 50]]);
  });

  it("splits a retried node into one segment per attempt", () => {
    const attempts = [
      { startedAt: "2026-01-01T12:00:00.000Z", finishedAt: "2026-01-01T12:00:00.010Z", durationMs: 10, error: { message: "boom" } },
      { startedAt: "2026-01-01T12:00:00.110Z", finishedAt: "2026-01-01T12:00:00.120Z", durationMs: 10 },
    ];
    const { bars, totalMs } = buildTimeline(start, null, [run("a", start, 120, { attempts })], Date.parse(start) + 50);
    expect(bars[0]!.segments).toEqual([
      { offsetMs: 0, durationMs: 10, failed: true },
      { offsetMs: 110, durationMs: 10, failed: false },
    ]);
    expect(totalMs).toBe(120);
  });
});

describe("timelineTicks", () => {
  it("uses round steps", () => {
    expect(timelineTicks(100)).toEqual([0, 50, 100]);
    expect(timelineTicks(1200)).toEqual([0, 500, 1000]);
  });
});
