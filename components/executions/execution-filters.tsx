"use client";
import { EXECUTION_STATUSES, EXECUTION_STATUS_INFO, isExecutionStatus } from "@/lib/executions/status";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { useWorkflows } from "@/components/workflows/use-workflows";
import type { useExecutionFilters } from "./use-execution-filters";

type Props = Pick<ReturnType<typeof useExecutionFilters>, "workflowId" | "status" | "setFilter" | "clear" | "active">;

function statusLabel(value: string): string {
  return value
    .split(",")
    .filter(isExecutionStatus)
    .map((s) => EXECUTION_STATUS_INFO[s].label)
    .join(", ");
}

export function ExecutionFilters({ workflowId, status, setFilter, clear, active }: Props) {
  const workflows = useWorkflows();
  const knownWorkflow = workflows.data?.some((w) => w.id === workflowId) ?? false;
  // A URL may carry several statuses (?status=RUNNING,FAILED); show that as its own option.
  const customStatus = status.includes(",");

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-full sm:w-64">
        <label htmlFor="filter-workflow" className={labelClass}>
          Workflow
        </label>
        <select id="filter-workflow" value={workflowId} onChange={(e) => setFilter("workflowId", e.target.value)} className={inputClass}>
          <option value="">All workflows</option>
          {workflowId && !knownWorkflow ? <option value={workflowId}>{workflows.isPending ? "Loading…" : "Unknown workflow"}</option> : null}
          {workflows.data?.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full sm:w-48">
        <label htmlFor="filter-status" className={labelClass}>
          Status
        </label>
        <select id="filter-status" value={status} onChange={(e) => setFilter("status", e.target.value)} className={inputClass}>
          <option value="">All statuses</option>
          {customStatus ? <option value={status}>{statusLabel(status)}</option> : null}
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {EXECUTION_STATUS_INFO[s].label}
            </option>
          ))}
        </select>
      </div>
      {active ? (
        <button type="button" onClick={clear} className="py-2 text-sm font-medium text-blue-700 hover:underline">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
