"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { workflowKeys } from "@/lib/query-keys";
import { fetchApi } from "@/components/data/fetch-api";
import type { WorkflowList } from "@/components/data/api-types";
import { RelativeTime } from "@/components/ui/relative-time";

// Deleted workflows are archived: listed apart, each still opening its page and its runs.
export function ArchivedWorkflows() {
  const archived = useQuery({
    queryKey: [...workflowKeys.lists(), { archived: true }],
    queryFn: ({ signal }) => fetchApi<WorkflowList>("/api/workflows?archived=true", { signal }),
    select: (data) => data.items,
  });
  if (archived.isPending) return <p className="text-sm text-gray-600">Loading archived workflows…</p>;
  if (archived.isError) return <p role="alert" className="text-sm text-red-700">Could not load archived workflows: {archived.error.message}</p>;
  if (archived.data.length === 0) return <p className="text-sm text-gray-600">No archived workflows.</p>;
  return (
    <ul aria-label="Archived workflows" className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {archived.data.map((w) => (
        <li key={w.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
          <Link href={`/workflows/${w.id}`} className="min-w-0 flex-1 truncate font-medium text-gray-900 hover:underline">
            {w.name}
          </Link>
          <span className="text-xs text-gray-500">archived {w.archivedAt ? <RelativeTime iso={w.archivedAt} /> : null}</span>
          <Link href={`/executions?workflowId=${w.id}`} className="text-xs font-medium text-blue-700 hover:underline">
            Executions
          </Link>
        </li>
      ))}
    </ul>
  );
}
