"use client";
// A hand-drawn SVG stacked bar chart: a few hundred rects, one <title> per column for the
// hover detail. A chart library would add ~100 KB for axes and tooltips we do not need.
import { useState } from "react";
import { EXECUTION_STATUSES, EXECUTION_STATUS_INFO, type ExecutionStatus } from "@/lib/executions/status";
import { SkeletonBar } from "@/components/ui/skeleton";
import { buildChartModel, niceCeiling, type ChartColumn } from "./chart-model";
import { useExecutionStats } from "./use-executions";

type Tone = (typeof EXECUTION_STATUS_INFO)[ExecutionStatus]["tone"];

// Shades per tone: statuses sharing a tone (Failed, Crashed) get the next shade.
const TONE_SHADES: Record<Tone, { fill: string; swatch: string }[]> = {
  blue: [{ fill: "fill-blue-500", swatch: "bg-blue-500" }, { fill: "fill-blue-800", swatch: "bg-blue-800" }],
  green: [{ fill: "fill-green-500", swatch: "bg-green-500" }, { fill: "fill-green-800", swatch: "bg-green-800" }],
  red: [{ fill: "fill-red-500", swatch: "bg-red-500" }, { fill: "fill-red-900", swatch: "bg-red-900" }],
  amber: [{ fill: "fill-amber-400", swatch: "bg-amber-400" }, { fill: "fill-amber-700", swatch: "bg-amber-700" }],
  gray: [{ fill: "fill-gray-400", swatch: "bg-gray-400" }, { fill: "fill-gray-600", swatch: "bg-gray-600" }],
};

const COLORS = Object.fromEntries(
  EXECUTION_STATUSES.map((s, i) => {
    const tone = EXECUTION_STATUS_INFO[s].tone;
    const shade = EXECUTION_STATUSES.slice(0, i).filter((o) => EXECUTION_STATUS_INFO[o].tone === tone).length;
    const shades = TONE_SHADES[tone];
    return [s, shades[Math.min(shade, shades.length - 1)]!];
  }),
) as Record<ExecutionStatus, { fill: string; swatch: string }>;

const WINDOWS = [1, 6, 24] as const;
const HEIGHT = 100;
const number = new Intl.NumberFormat("en");
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

function describe(counts: Partial<Record<ExecutionStatus, number>>): string {
  const parts = EXECUTION_STATUSES.filter((s) => counts[s]).map((s) => `${number.format(counts[s]!)} ${EXECUTION_STATUS_INFO[s].label.toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

// Stacked from the bottom in status order.
function segments(column: ChartColumn, scale: number): { status: ExecutionStatus; y: number; h: number }[] {
  const out: { status: ExecutionStatus; y: number; h: number }[] = [];
  let y = HEIGHT;
  for (const status of EXECUTION_STATUSES) {
    const n = column.counts[status];
    if (!n) continue;
    const h = (n / scale) * HEIGHT;
    y -= h;
    out.push({ status, y, h });
  }
  return out;
}

function Column({ column, index, scale }: { column: ChartColumn; index: number; scale: number }) {
  return (
    <g>
      <title>{`${clock.format(column.start)}–${clock.format(column.end)}: ${describe(column.counts)}`}</title>
      {/* A full-height hit area so thin bars still show their title on hover. */}
      <rect x={index} y={0} width={1} height={HEIGHT} className="fill-transparent hover:fill-gray-100" />
      {segments(column, scale).map(({ status, y, h }) => (
        <rect key={status} x={index + 0.1} y={y} width={0.8} height={h} className={`${COLORS[status].fill} pointer-events-none`} />
      ))}
    </g>
  );
}

export function ExecutionsChart({ workflowId }: { workflowId?: string }) {
  const [hours, setHours] = useState<(typeof WINDOWS)[number]>(6);
  const stats = useExecutionStats({ hours, ...(workflowId ? { workflowId } : {}) });
  const model = stats.data ? buildChartModel(stats.data) : null;
  const totals = stats.data?.totals;
  const scale = niceCeiling(model?.max ?? 0);
  const perLabel = model && model.bucketMs > 60_000 ? `per ${model.bucketMs / 60_000} minutes` : "per minute";
  const summary = model && totals ? `${number.format(model.total)} executions in the last ${hours} ${hours === 1 ? "hour" : "hours"}: ${describe(totals)}` : "";

  return (
    <section aria-labelledby="chart-heading" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-heading" className="text-sm font-semibold text-gray-900">
          Executions {perLabel}
        </h2>
        <div role="group" aria-label="Chart window" className="inline-flex rounded-md border border-gray-300 p-0.5">
          {WINDOWS.map((h) => (
            <button
              key={h}
              type="button"
              aria-pressed={hours === h}
              onClick={() => setHours(h)}
              className="rounded px-2 py-0.5 text-xs font-medium text-gray-700 aria-pressed:bg-gray-900 aria-pressed:text-white focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              {h} h
            </button>
          ))}
        </div>
      </div>
      {!model || !totals ? (
        stats.isError ? (
          <p className="mt-3 text-sm text-red-700">
            Could not load the chart.{" "}
            <button type="button" onClick={() => void stats.refetch()} className="font-medium underline">
              Try again
            </button>
          </p>
        ) : (
          <SkeletonBar className="mt-3 h-32 w-full" />
        )
      ) : (
        <>
          <div className="mt-3 flex gap-2">
            <div className="flex w-8 flex-col justify-between text-right text-[10px] tabular-nums text-gray-500" aria-hidden="true">
              <span>{number.format(scale)}</span>
              <span>0</span>
            </div>
            <svg role="img" aria-label={summary} viewBox={`0 0 ${model.columns.length} ${HEIGHT}`} preserveAspectRatio="none" className="h-32 w-full overflow-visible border-b border-l border-gray-200">
              <line x1={0} x2={model.columns.length} y1={0.5} y2={0.5} vectorEffect="non-scaling-stroke" className="stroke-gray-100" />
              {model.columns.map((column, i) => (column.total ? <Column key={column.start} column={column} index={i} scale={scale} /> : null))}
            </svg>
          </div>
          <div className="ml-10 mt-1 flex justify-between text-[10px] tabular-nums text-gray-500" aria-hidden="true">
            {[0, 0.25, 0.5, 0.75, 1].map((f) => (
              <span key={f}>{clock.format(model.from + f * (model.to - model.from))}</span>
            ))}
          </div>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700" aria-label="Totals by status">
            {EXECUTION_STATUSES.filter((s) => totals[s] > 0).map((s) => (
              <li key={s} className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className={`size-2.5 rounded-sm ${COLORS[s].swatch}`} />
                {EXECUTION_STATUS_INFO[s].label} <span className="tabular-nums text-gray-500">{number.format(totals[s])}</span>
              </li>
            ))}
            {model.total === 0 ? <li className="text-gray-500">No executions in this window yet.</li> : null}
          </ul>
        </>
      )}
    </section>
  );
}
