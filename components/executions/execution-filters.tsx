"use client";
import { startTransition, useOptimistic } from "react";
import { EXECUTION_STATUSES, EXECUTION_STATUS_INFO, type ExecutionStatus } from "@/lib/executions/status";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { useWorkflows } from "@/components/workflows/use-workflows";
import { IdFilter } from "./id-filter";
import { SearchFilter } from "./search-filter";
import { TIME_RANGES, isTimeRange, type useExecutionFilters } from "./use-execution-filters";

type Props = Pick<ReturnType<typeof useExecutionFilters>, "filters" | "update" | "setFilter" | "setStatuses" | "clear" | "active">;

const CUSTOM = "custom";

// datetime-local speaks local wall-clock time; the URL keeps ISO (UTC) so links travel.
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : "";
}

export function ExecutionFilters({ filters, update, setFilter, setStatuses, clear, active }: Props) {
  const workflows = useWorkflows();
  const workflowId = filters.workflowId ?? "";
  const knownWorkflow = workflows.data?.some((w) => w.id === workflowId) ?? false;
  // The URL answers after a navigation; the chips answer the click at once.
  const [statuses, setOptimisticStatuses] = useOptimistic(filters.status ?? []);
  const selected = new Set(statuses);
  const toggle = (status: ExecutionStatus, on: boolean) => {
    const next = EXECUTION_STATUSES.filter((x) => (x === status ? on : selected.has(x)));
    startTransition(() => {
      setOptimisticStatuses(next);
      setStatuses(next);
    });
  };
  const rangeValue = filters.range ?? (filters.from || filters.to ? CUSTOM : "");

  const onRange = (value: string) => {
    if (value === CUSTOM) update({ range: "", from: filters.from ?? new Date(Date.now() - 3_600_000).toISOString(), to: filters.to ?? "" });
    else update({ range: isTimeRange(value) ? value : "", from: "", to: "" });
  };

  return (
    <div className="space-y-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[16rem_12rem_1fr]">
        <div>
          <label htmlFor="filter-workflow" className={labelClass}>
            Workflow
          </label>
          <select
            id="filter-workflow"
            value={workflowId || (filters.archived ? `archived:${filters.archived}` : "")}
            onChange={(e) => {
              const value = e.target.value;
              if (value.startsWith("archived:")) update({ workflowId: "", archived: value.slice("archived:".length) });
              else update({ workflowId: value, archived: "" });
            }}
            className={inputClass}
          >
            <option value="">All workflows</option>
            <option value="archived:exclude">Active workflows only</option>
            <option value="archived:only">Archived workflows only</option>
            {workflowId && !knownWorkflow ? <option value={workflowId}>{workflows.isPending ? "Loading…" : "Unknown workflow"}</option> : null}
            {workflows.data?.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-range" className={labelClass}>
            Time range
          </label>
          <select id="filter-range" value={rangeValue} onChange={(e) => onRange(e.target.value)} className={inputClass}>
            <option value="">Any time</option>
            {Object.entries(TIME_RANGES).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            <option value={CUSTOM}>Custom…</option>
          </select>
        </div>
        <IdFilter value={filters.id ?? ""} onCommit={(id) => setFilter("id", id)} />
      </div>
      <SearchFilter value={filters.q ?? ""} onCommit={(q) => setFilter("q", q)} />
      {rangeValue === CUSTOM ? (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:max-w-xl">
          <div>
            <label htmlFor="filter-from" className={labelClass}>
              From
            </label>
            <input id="filter-from" type="datetime-local" value={toLocalInput(filters.from)} onChange={(e) => setFilter("from", fromLocalInput(e.target.value))} className={inputClass} />
          </div>
          <div>
            <label htmlFor="filter-to" className={labelClass}>
              To
            </label>
            <input id="filter-to" type="datetime-local" value={toLocalInput(filters.to)} onChange={(e) => setFilter("to", fromLocalInput(e.target.value))} className={inputClass} />
          </div>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <fieldset className="flex flex-wrap items-center gap-2">
          <legend className="sr-only">Status</legend>
          <span aria-hidden="true" className="mr-1 text-sm font-medium text-gray-800">
            Status
          </span>
          {EXECUTION_STATUSES.map((s) => (
            <label
              key={s}
              className="relative inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-700 has-checked:border-gray-900 has-checked:bg-gray-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-blue-600"
            >
              <input
                type="checkbox"
                className="absolute inset-0 cursor-pointer appearance-none rounded-full focus:outline-none"
                checked={selected.has(s)}
                onChange={(e) => toggle(s, e.target.checked)}
              />
              {EXECUTION_STATUS_INFO[s].label}
            </label>
          ))}
        </fieldset>
        {active ? (
          <button type="button" onClick={clear} className="text-sm font-medium text-blue-700 hover:underline">
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}
