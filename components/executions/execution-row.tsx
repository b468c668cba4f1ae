import Link from "next/link";
import { EXECUTION_STATUS_INFO } from "@/lib/executions/status";
import type { ExecutionListItem } from "@/components/data/api-types";
import { ExecutionStatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDuration, formatTriggerLabel } from "@/components/ui/format";

export function ExecutionRow({ execution }: { execution: ExecutionListItem }) {
  const statusLabel = EXECUTION_STATUS_INFO[execution.status].label;
  return (
    <tr data-execution-id={execution.id} data-status={execution.status} className="relative hover:bg-gray-50 focus-within:bg-gray-50">
      <td className="px-4 py-3">
        <ExecutionStatusBadge status={execution.status} />
      </td>
      <td className="max-w-[16rem] truncate px-4 py-3 font-medium text-gray-900">
        {/* The link covers the whole row (after:inset-0); its name says which run it is. */}
        <Link
          href={`/executions/${execution.id}`}
          aria-label={`${execution.workflowName}, ${statusLabel}`}
          className="after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-blue-600"
        >
          {execution.workflowName}
        </Link>
      </td>
      <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-gray-700">{formatTriggerLabel(execution.method, execution.path)}</td>
      <td className="whitespace-nowrap px-4 py-3 text-gray-700">
        <RelativeTime iso={execution.startedAt} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-gray-700">
        {execution.status === "RUNNING" ? "…" : formatDuration(execution.durationMs)}
      </td>
    </tr>
  );
}
