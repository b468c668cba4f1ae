import Link from "next/link";
import { EXECUTION_STATUS_INFO, isTerminal } from "@/lib/executions/status";
import type { ExecutionListItem } from "@/components/data/api-types";
import { ExecutionStatusBadge } from "@/components/ui/status-badge";
import { HttpStatus } from "@/components/ui/http-status";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDuration, formatTriggerLabel } from "@/components/ui/format";
import { FixedBadge } from "./detail/reruns-section";
import { modeLabel } from "./mode-label";

function NodeCounts({ succeeded, failed }: { succeeded: number; failed: number }) {
  return (
    <span className="inline-flex items-center gap-2 tabular-nums" aria-label={`${succeeded} nodes succeeded, ${failed} failed`}>
      <span className="text-green-700" aria-hidden="true">✓ {succeeded}</span>
      <span className={failed ? "font-medium text-red-700" : "text-gray-400"} aria-hidden="true">
        ✕ {failed}
      </span>
    </span>
  );
}

type Props = { execution: ExecutionListItem; selected: boolean; onToggle: (id: string) => void };

export function ExecutionRow({ execution, selected, onToggle }: Props) {
  const statusLabel = EXECUTION_STATUS_INFO[execution.status].label;
  const duration = isTerminal(execution.status) ? formatDuration(execution.durationMs) : "…";
  return (
    <tr
      data-execution-id={execution.id}
      data-status={execution.status}
      data-fixed={execution.fixedByRerun ? "yes" : "no"}
      aria-selected={selected}
      className={`relative hover:bg-gray-50 focus-within:bg-gray-50 ${selected ? "bg-blue-50/60" : ""}`}
    >
      {/* Above the row-wide link (z-10), so ticking the box does not open the run. */}
      <td className="relative z-10 hidden w-10 py-3 pl-4 pr-1 sm:table-cell">
        <input
          type="checkbox"
          aria-label={`Select ${execution.workflowName} ${execution.id.slice(0, 8)}`}
          className="size-4 rounded border-gray-300"
          checked={selected}
          onChange={() => onToggle(execution.id)}
        />
      </td>
      <td className="px-3 py-3 sm:px-4">
        <span className="flex flex-col items-start gap-1">
          {/* Wraps under the badge where the table is narrow (phones) instead of widening it. */}
          <span className="flex flex-wrap items-center gap-x-1">
            <ExecutionStatusBadge status={execution.status} />
            <HttpStatus status={execution.responseStatus} prefix="· " />
          </span>
          {execution.fixedByRerun ? <FixedBadge /> : null}
        </span>
      </td>
      <td className="max-w-[9rem] px-3 py-3 sm:max-w-[16rem] sm:px-4">
        {/* The link covers the whole row (after:inset-0); its name says which run it is. */}
        <Link
          href={`/executions/${execution.id}`}
          aria-label={`${execution.workflowName}, ${statusLabel}`}
          className="block truncate font-medium text-gray-900 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-blue-600"
        >
          {execution.workflowName}
          {execution.workflowArchived ? <span className="ml-1 rounded bg-gray-100 px-1 text-[10px] font-normal uppercase text-gray-600">archived</span> : null}
        </Link>
        <span className="block truncate font-mono text-[11px] text-gray-500" title={execution.id}>
          {execution.id.slice(0, 8)}
          {execution.attempt > 1 ? <span title={`Resumed: attempt ${execution.attempt}`}> · attempt {execution.attempt}</span> : null}
          <span className="2xl:hidden"> · {formatTriggerLabel(execution.method, execution.path)}</span>
        </span>
      </td>
      <td className="hidden whitespace-nowrap px-4 py-3 text-xs text-gray-700 sm:table-cell" data-column="mode">
        {modeLabel(execution.mode)}
      </td>
      <td className="hidden max-w-[14rem] truncate whitespace-nowrap px-4 py-3 font-mono text-xs text-gray-700 2xl:table-cell" title={formatTriggerLabel(execution.method, execution.path)}>
        {formatTriggerLabel(execution.method, execution.path)}
      </td>
      <td className="hidden max-w-[16rem] px-4 py-3 text-xs text-red-800 lg:table-cell" data-column="error">
        {execution.errorMessage ? (
          <span className="block truncate" title={execution.errorMessage}>
            {execution.errorMessage}
          </span>
        ) : (
          <span className="text-gray-400">—</span>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-3 text-gray-700 sm:px-4">
        <RelativeTime iso={execution.startedAt} />
        {/* Phones drop the duration column; it rides under the start time. */}
        <span className="block text-[11px] tabular-nums text-gray-500 sm:hidden">{duration}</span>
      </td>
      <td className="hidden whitespace-nowrap px-4 py-3 text-right tabular-nums text-gray-700 sm:table-cell">{duration}</td>
      <td className="hidden whitespace-nowrap px-4 py-3 text-right text-xs sm:table-cell">
        <NodeCounts succeeded={execution.nodesSucceeded} failed={execution.nodesFailed} />
      </td>
    </tr>
  );
}
