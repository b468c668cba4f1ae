import type { NodeRun } from "@/components/data/api-types";

export type TimelineSegment = { offsetMs: number; durationMs: number; failed: boolean };
export type TimelineBar = { run: NodeRun; offsetMs: number; durationMs: number; segments: TimelineSegment[] };

// Offsets are relative to the run's start. A node with retries gets one segment per try,
// so the waits between tries show as gaps inside its bar.
export function buildTimeline(runStartedAt: string, runDurationMs: number | null, runs: NodeRun[], now: number): { totalMs: number; bars: TimelineBar[] } {
  const start = Date.parse(runStartedAt);
  const bars = runs.map((run): TimelineBar => {
    const offsetMs = Math.max(0, Date.parse(run.startedAt) - start);
    const attempts = run.attempts ?? [];
    const segments =
      attempts.length > 1
        ? attempts.map((a) => ({ offsetMs: Math.max(0, Date.parse(a.startedAt) - start), durationMs: a.durationMs, failed: Boolean(a.error) }))
        : [{ offsetMs, durationMs: run.durationMs, failed: run.status === "FAILED" }];
    return { run, offsetMs, durationMs: run.durationMs, segments };
  });
  const lastEnd = bars.reduce((max, b) => Math.max(max, b.offsetMs + b.durationMs, ...b.segments.map((s) => s.offsetMs + s.durationMs)), 0);
  const elapsed = runDurationMs ?? Math.max(0, now - start);
  return { totalMs: Math.max(lastEnd, elapsed, 1), bars };
}

// Round axis ticks: 1, 2 or 5 × 10^n, about four of them.
export function timelineTicks(totalMs: number): number[] {
  const rough = totalMs / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let t = 0; t <= totalMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
