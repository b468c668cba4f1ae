"use client";
import { useId, useState } from "react";
import type { NodeRun } from "@/components/data/api-types";
import { JsonView } from "@/components/ui/json-view";
import { NodeStatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration, formatTimeOfDay } from "@/components/ui/format";

export function NodeRunItem({ node, position }: { node: NodeRun; position: number }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonId = useId();
  const label = `${node.nodeId}${node.runIndex > 0 ? ` (run ${node.runIndex + 1})` : ""}`;

  return (
    <li data-node-id={node.nodeId} data-status={node.status} className="rounded-lg border border-gray-200 bg-white shadow-xs">
      <h3>
        <button
          id={buttonId}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((v) => !v)}
          className="flex w-full flex-col gap-2 px-4 py-3 text-left hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600 sm:flex-row sm:items-center sm:gap-4"
        >
          <span className="flex min-w-0 flex-1 items-baseline gap-3">
            <span aria-hidden="true" className="w-5 shrink-0 text-xs tabular-nums text-gray-400">
              {position}
            </span>
            <span className="min-w-0 truncate">
              <span className="font-medium text-gray-900">{label}</span>{" "}
              <span className="text-xs text-gray-500">{node.nodeType}</span>
            </span>
          </span>
          <span className="flex items-center gap-3 pl-8 sm:gap-4 sm:pl-0">
            <NodeStatusBadge status={node.status} />
            <time dateTime={node.startedAt} title={formatDateTime(node.startedAt)} className="whitespace-nowrap font-mono text-xs text-gray-600">
              {formatTimeOfDay(node.startedAt)}
            </time>
            <span className="w-16 text-right text-xs tabular-nums text-gray-700">{formatDuration(node.durationMs)}</span>
            <span aria-hidden="true" className={`ml-auto text-gray-400 transition-transform sm:ml-0 ${open ? "rotate-90" : ""}`}>
              ›
            </span>
          </span>
        </button>
      </h3>
      {/* The panel element always exists (aria-controls points at it); its JSON is only
          built when opened, since a run can carry megabytes of node data. */}
      <div id={panelId} role="region" aria-labelledby={buttonId} hidden={!open} className="space-y-4 border-t border-gray-100 px-4 py-4">
        {open ? (
          <>
            {node.error ? <NodeError error={node.error} /> : null}
            <div className="grid gap-4 lg:grid-cols-2">
              <div className="min-w-0">
                <h4 className="mb-1 text-sm font-medium text-gray-800">Input</h4>
                <JsonView label={`${label} input`} value={node.input ?? null} />
              </div>
              <div className="min-w-0">
                <h4 className="mb-1 text-sm font-medium text-gray-800">Output</h4>
                <JsonView label={`${label} output`} value={node.output ?? null} />
              </div>
            </div>
          </>
        ) : null}
      </div>
    </li>
  );
}

function NodeError({ error }: { error: NonNullable<NodeRun["error"]> }) {
  return (
    <div className="rounded-md border border-red-200 bg-red-50 p-3">
      <h4 className="text-sm font-medium text-red-800">Error</h4>
      <p className="mt-1 text-sm text-red-800">
        <span className="font-semibold">{error.name ?? "Error"}</span>: {error.message ?? "(no message)"}
      </p>
      {error.stack ? (
        <pre aria-label="Stack trace" tabIndex={0} className="mt-2 max-h-64 overflow-auto whitespace-pre rounded bg-white/70 p-2 font-mono text-xs text-red-900">
          {error.stack}
        </pre>
      ) : null}
    </div>
  );
}
