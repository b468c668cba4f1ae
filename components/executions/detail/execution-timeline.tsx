"use client";
import { useEffect, useState } from "react";
import type { ExecutionDetail } from "@/components/data/api-types";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import { isTerminal, NODE_STATUS_INFO } from "@/lib/executions/status";
import { Elapsed } from "@/components/ui/elapsed";
import { orderNodeRuns } from "./order-nodes";
import { findRunningNode } from "./running-node";
import { TONE_STYLES } from "./status-styles";
import { buildTimeline, timelineTicks } from "./timeline-model";

const FAILED_BAR = TONE_STYLES[NODE_STATUS_INFO.FAILED.tone].bar;

// While the run is live its elapsed time grows, so the axis follows a clock.
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

const pct = (part: number, total: number) => `${Math.min(100, (part / total) * 100)}%`;

type Props = { execution: ExecutionDetail; selectedNodeId: string | null; onSelect: (id: string) => void };

export function ExecutionTimeline({ execution, selectedNodeId, onSelect }: Props) {
  const running = !isTerminal(execution.status);
  const now = useNow(running);
  const runs = orderNodeRuns(execution.nodes, execution.executionPath ?? []);
  const { totalMs, bars } = buildTimeline(execution.startedAt, running ? null : execution.durationMs, runs, now);
  const ticks = timelineTicks(totalMs);
  const current = findRunningNode(execution);

  return (
    <section aria-labelledby="timeline-heading" className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <h2 id="timeline-heading" className="text-base font-semibold text-gray-900">
        Timeline <span className="font-normal text-gray-500">({bars.length} node{bars.length === 1 ? "" : "s"})</span>
      </h2>
      {bars.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">{running ? "Waiting for the first node to finish…" : "No node ran in this execution."}</p>
      ) : (
        <div className="mt-3">
          <div aria-hidden="true" className="relative mr-19 ml-27 h-4 text-[10px] tabular-nums text-gray-400 sm:ml-31">
            {ticks.map((t, i) => (
              // On a phone the track is narrow: label only its ends.
              <span
                key={t}
                className={`absolute -translate-x-1/2 whitespace-nowrap first:translate-x-0 last:-translate-x-full ${i > 0 && i < ticks.length - 1 ? "hidden sm:block" : ""}`}
                style={{ left: pct(t, totalMs) }}
              >
                {formatDuration(t)}
              </span>
            ))}
          </div>
          <ol className="space-y-1" aria-label="Node timings">
            {bars.map((bar) => {
              const info = NODE_STATUS_INFO[bar.run.status];
              const selected = bar.run.nodeId === selectedNodeId;
              const label = `${bar.run.nodeId}${bar.run.runIndex > 0 ? ` #${bar.run.runIndex + 1}` : ""}`;
              const tries = bar.segments.length;
              return (
                // The graph's node buttons are the keyboard way to select; a click here is a shortcut.
                <li
                  key={bar.run.id}
                  data-node-id={bar.run.nodeId}
                  data-status={bar.run.status}
                  onClick={() => onSelect(bar.run.nodeId)}
                  className={`flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-gray-50 ${selected ? "bg-blue-50" : ""}`}
                >
                  <span className="w-24 shrink-0 truncate text-xs font-medium text-gray-800 sm:w-28" title={label}>
                    {label}
                  </span>
                  <span className="relative h-5 flex-1 rounded bg-gray-100">
                    {ticks.slice(1).map((t) => (
                      <span key={t} aria-hidden="true" className="absolute inset-y-0 w-px bg-gray-200" style={{ left: pct(t, totalMs) }} />
                    ))}
                    {bar.segments.map((s, i) => (
                      <span
                        key={i}
                        className={`absolute inset-y-0.5 min-w-0.5 rounded-sm ${s.failed ? FAILED_BAR : TONE_STYLES[info.tone].bar}`}
                        style={{ left: pct(s.offsetMs, totalMs), width: pct(s.durationMs, totalMs) }}
                        title={`${label}${tries > 1 ? ` try ${i + 1}` : ""}: +${formatDuration(s.offsetMs)}, ${formatDuration(s.durationMs)}`}
                      />
                    ))}
                  </span>
                  <span className="w-16 shrink-0 text-right text-xs tabular-nums text-gray-600">
                    <span className="sr-only">
                      {label}: {info.label}, starts at +{formatDuration(bar.offsetMs)},{" "}
                    </span>
                    {formatDuration(bar.durationMs)}
                    {tries > 1 ? <span className="block text-[10px] text-amber-700">{tries} tries</span> : null}
                  </span>
                </li>
              );
            })}
            {running ? (
              <li className="flex items-center gap-2 px-1 py-1 text-xs text-blue-800">
                <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-blue-500" />
                {execution.status === "WAITING" && execution.resumeAt
                  ? `Waiting — resumes ${formatDateTime(execution.resumeAt)}; no process holds it meanwhile.`
                  : current
                    ? (
                        <span>
                          Running {current.nodeId} for <Elapsed since={current.since} /> — more nodes appear as they finish.
                        </span>
                      )
                    : "Running — more nodes appear as they finish."}
              </li>
            ) : null}
          </ol>
        </div>
      )}
    </section>
  );
}
