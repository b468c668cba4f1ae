"use client";
import { isTerminal } from "@/lib/executions/status";
import { useState, type ReactNode } from "react";
import type { ExecutionDetail, NodeRun } from "@/components/data/api-types";
import { JsonView } from "@/components/ui/json-view";
import { NodeStatusBadge } from "@/components/ui/status-badge";
import { formatDuration, formatTimeOfDay } from "@/components/ui/format";
import { Elapsed } from "@/components/ui/elapsed";
import { NodeAttempts, NodeCancelled, NodeError, NodeLogs } from "./node-run-details";
import { findRunningNode } from "./running-node";

type Props = { execution: ExecutionDetail; nodeId: string; onClose: () => void };

export function NodePanel({ execution, nodeId, onClose }: Props) {
  const runs = execution.nodes.filter((n) => n.nodeId === nodeId).sort((a, b) => a.runIndex - b.runIndex);
  const [runIndex, setRunIndex] = useState(0);
  const run = runs.find((r) => r.runIndex === runIndex) ?? runs[0] ?? null;
  const definition = execution.snapshot?.nodes.find((n) => n.id === nodeId);
  const running = !isTerminal(execution.status);
  const current = findRunningNode(execution);

  return (
    <section aria-label={`Node ${nodeId}`} className="min-w-0 space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-gray-900">{nodeId}</h2>
          <p className="text-xs text-gray-500">{run?.nodeType ?? definition?.type ?? "unknown type"}</p>
        </div>
        <div className="flex items-center gap-2">
          {run ? <NodeStatusBadge status={run.status} /> : null}
          <button type="button" onClick={onClose} aria-label="Close node panel" className="rounded-md px-2 py-1 text-sm text-gray-500 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-blue-600">
            ✕
          </button>
        </div>
      </div>

      {runs.length > 1 ? (
        <div role="group" aria-label="Runs of this node" className="flex flex-wrap gap-1">
          {runs.map((r) => (
            <button
              key={r.id}
              type="button"
              aria-pressed={r === run}
              onClick={() => setRunIndex(r.runIndex)}
              className={`rounded-md border px-2 py-1 text-xs ${r === run ? "border-blue-600 bg-blue-50 text-blue-800" : "border-gray-300 text-gray-700 hover:bg-gray-50"}`}
            >
              Run {r.runIndex + 1}
            </button>
          ))}
        </div>
      ) : null}

      {run ? (
        <RunDetails run={run} runStartedAt={execution.startedAt} />
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-gray-600">
            {current?.nodeId === nodeId ? (
              <>
                Running for <Elapsed since={current.since} />; its input, output and timings appear when it finishes.
              </>
            ) : running ? (
              "This node has not run yet."
            ) : (
              "This node did not run in this execution (its branch was not taken, or the run stopped before it)."
            )}
          </p>
          {definition ? (
            <Block title="Parameters">
              <JsonView label="Parameters" fileName={`${nodeId}-parameters`} value={definition.parameters} />
            </Block>
          ) : null}
        </div>
      )}
    </section>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-medium text-gray-800">{title}</h3>
      {children}
    </div>
  );
}

function RunDetails({ run, runStartedAt }: { run: NodeRun; runStartedAt: string }) {
  const offset = Date.parse(run.startedAt) - Date.parse(runStartedAt);
  return (
    <>
      <dl className="grid grid-cols-3 gap-2 text-xs">
        <div>
          <dt className="text-gray-500">Started</dt>
          <dd className="font-mono text-gray-900">
            {formatTimeOfDay(run.startedAt)} <span className="text-gray-500">(+{formatDuration(Math.max(0, offset))})</span>
          </dd>
        </div>
        <div>
          <dt className="text-gray-500">Finished</dt>
          <dd className="font-mono text-gray-900">{formatTimeOfDay(run.finishedAt)}</dd>
        </div>
        <div>
          <dt className="text-gray-500">Duration</dt>
          <dd className="tabular-nums text-gray-900">{formatDuration(run.durationMs)}</dd>
        </div>
      </dl>
      {/* A cancel is not an error in the node: say so, without the error it was stopped with. */}
      {run.status === "CANCELLED" ? <NodeCancelled /> : run.error ? <NodeError error={run.error} /> : null}
      {run.attempts && run.attempts.length > 0 ? <NodeAttempts attempts={run.attempts} /> : null}
      {run.logs && run.logs.length > 0 ? <NodeLogs logs={run.logs} /> : null}
      <Block title="Input">
        <JsonView key={`${run.id}-in`} label="Input" fileName={`${run.nodeId}-input`} value={run.input ?? null} />
      </Block>
      <Block title="Output">
        {run.outputTruncated ? (
          <p role="note" className="mb-1 rounded-md border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
            Output truncated{run.outputBytes ? `, ${run.outputBytes.toLocaleString("en-US")} bytes` : ""}: only a preview was stored. The next node received all of it.
          </p>
        ) : null}
        <JsonView key={`${run.id}-out`} label="Output" fileName={`${run.nodeId}-output`} value={run.output ?? null} />
      </Block>
    </>
  );
}
