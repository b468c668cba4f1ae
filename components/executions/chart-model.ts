// Pure: the stats answer (sparse minutes) → evenly spaced stacked columns for the chart.
import { EXECUTION_STATUSES, type ExecutionStatus } from "@/lib/executions/status";
import type { ExecutionStats } from "@/lib/executions/execution-stats";

export type ChartColumn = { start: number; end: number; total: number; counts: Partial<Record<ExecutionStatus, number>> };

export type ChartModel = { columns: ChartColumn[]; max: number; total: number; bucketMs: number; from: number; to: number };

// More columns than this are thinner than a pixel on a laptop; wider windows group minutes.
export const MAX_COLUMNS = 360;

export function buildChartModel(stats: Pick<ExecutionStats, "from" | "to" | "bucketMs" | "buckets">, maxColumns = MAX_COLUMNS): ChartModel {
  const from = Date.parse(stats.from);
  const to = Date.parse(stats.to);
  const minutes = Math.max(1, Math.round((to - from) / stats.bucketMs));
  const group = Math.ceil(minutes / maxColumns);
  const bucketMs = stats.bucketMs * group;
  const columns: ChartColumn[] = Array.from({ length: Math.ceil(minutes / group) }, (_, i) => ({
    start: from + i * bucketMs,
    end: Math.min(to, from + (i + 1) * bucketMs),
    total: 0,
    counts: {},
  }));
  for (const bucket of stats.buckets) {
    const column = columns[Math.floor((Date.parse(bucket.at) - from) / bucketMs)];
    if (!column) continue;
    for (const status of EXECUTION_STATUSES) {
      const n = bucket.counts[status] ?? 0;
      if (!n) continue;
      column.counts[status] = (column.counts[status] ?? 0) + n;
      column.total += n;
    }
  }
  const max = columns.reduce((m, c) => Math.max(m, c.total), 0);
  const total = columns.reduce((sum, c) => sum + c.total, 0);
  return { columns, max, total, bucketMs, from, to };
}

// Round the axis up to 1, 2 or 5 × 10^n so the top gridline carries a readable number.
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
