import type { ReactNode } from "react";
import type { ExecutionListItem } from "@/components/data/api-types";
import { SkeletonBar } from "@/components/ui/skeleton";
import { ExecutionRow } from "./execution-row";

// Narrower screens drop the trigger (shown under the workflow instead; the error column needs
// the room), phones also the selection boxes, mode, error and node counts.
const HEADERS = [
  { label: "Status", className: "text-left" },
  { label: "Workflow", className: "text-left" },
  { label: "Mode", className: "hidden text-left sm:table-cell" },
  { label: "Trigger", className: "hidden text-left 2xl:table-cell" },
  { label: "Error", className: "hidden text-left lg:table-cell" },
  { label: "Started", className: "text-left" },
  { label: "Duration", className: "hidden text-right sm:table-cell" },
  { label: "Nodes", className: "hidden text-right sm:table-cell" },
] as const;

/** Which rows are picked for a bulk action (ids), and how to change that. */
export type RowSelection = { selected: ReadonlySet<string>; toggle: (id: string) => void; setMany: (ids: string[], on: boolean) => void };

function SelectPage({ ids, selection }: { ids: string[]; selection: RowSelection }) {
  const picked = ids.filter((id) => selection.selected.has(id)).length;
  return (
    <input
      type="checkbox"
      aria-label="Select every execution on this page"
      className="size-4 rounded border-gray-300"
      checked={ids.length > 0 && picked === ids.length}
      ref={(el) => {
        if (el) el.indeterminate = picked > 0 && picked < ids.length;
      }}
      onChange={(e) => selection.setMany(ids, e.currentTarget.checked)}
    />
  );
}

function Frame({ children, busy, selectAll }: { children: ReactNode; busy?: boolean; selectAll?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-xs">
      <table className="min-w-full divide-y divide-gray-200 text-sm" aria-busy={busy || undefined}>
        <caption className="sr-only">Executions, newest first</caption>
        <thead className="bg-gray-50">
          <tr>
            <th scope="col" className="hidden w-10 py-2.5 pl-4 pr-1 text-left sm:table-cell">
              {selectAll ?? <span className="sr-only">Select</span>}
            </th>
            {HEADERS.map((h) => (
              <th key={h.label} scope="col" className={`px-3 py-2.5 text-xs font-semibold uppercase tracking-wide text-gray-500 sm:px-4 ${h.className}`}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}

export function ExecutionTable({ executions, selection }: { executions: ExecutionListItem[]; selection: RowSelection }) {
  return (
    <Frame selectAll={<SelectPage ids={executions.map((e) => e.id)} selection={selection} />}>
      {executions.map((execution) => (
        <ExecutionRow key={execution.id} execution={execution} selected={selection.selected.has(execution.id)} onToggle={selection.toggle} />
      ))}
    </Frame>
  );
}

export function ExecutionTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div>
      <p className="sr-only" role="status">
        Loading executions…
      </p>
      <Frame busy>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i}>
            <td className="hidden py-3.5 pl-4 pr-1 sm:table-cell"><SkeletonBar className="size-4" /></td>
            <td className="px-4 py-3.5"><SkeletonBar className="h-5 w-20 rounded-full" /></td>
            <td className="px-4 py-3.5"><SkeletonBar className="h-4 w-40" /></td>
            <td className="hidden px-4 py-3.5 sm:table-cell"><SkeletonBar className="h-4 w-14" /></td>
            <td className="hidden px-4 py-3.5 2xl:table-cell"><SkeletonBar className="h-4 w-32" /></td>
            <td className="hidden px-4 py-3.5 lg:table-cell"><SkeletonBar className="h-4 w-32" /></td>
            <td className="px-4 py-3.5"><SkeletonBar className="h-4 w-20" /></td>
            <td className="hidden px-4 py-3.5 sm:table-cell"><SkeletonBar className="ml-auto h-4 w-12" /></td>
            <td className="hidden px-4 py-3.5 sm:table-cell"><SkeletonBar className="ml-auto h-4 w-14" /></td>
          </tr>
        ))}
      </Frame>
    </div>
  );
}
