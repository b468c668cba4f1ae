"use client";
import { useMemo } from "react";
import { JsonView } from "@/components/ui/json-view";
import { diffJson, type NodeChange } from "./compare-runs";

const DIFF_LIMIT = 50;

function short(value: unknown): string {
  const text = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

// The changed paths first (what a reader wants), then both outputs side by side.
export function NodeChangeDetail({ change }: { change: NodeChange }) {
  const differences = useMemo(
    () => (change.kind === "changed" ? diffJson(change.before?.output ?? null, change.after?.output ?? null, DIFF_LIMIT) : []),
    [change],
  );
  return (
    <div className="space-y-3 border-t border-gray-100 bg-gray-50/60 px-3 py-3">
      {change.kind === "changed" ? (
        differences.length ? (
          <div>
            <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-gray-500">Changed fields</h4>
            <ul className="space-y-1 font-mono text-xs" aria-label={`Changed fields of ${change.nodeId}`}>
              {differences.map((d) => (
                <li key={d.path} className="break-all">
                  <span className="font-semibold text-gray-900">{d.path}</span>{" "}
                  {d.kind === "added" ? (
                    <span className="text-green-700">added {short(d.after)}</span>
                  ) : d.kind === "removed" ? (
                    <span className="text-red-700 line-through">removed {short(d.before)}</span>
                  ) : (
                    <>
                      <span className="text-red-700 line-through">{short(d.before)}</span> <span aria-hidden="true">→</span>
                      <span className="sr-only">changed to</span> <span className="text-green-700">{short(d.after)}</span>
                    </>
                  )}
                </li>
              ))}
              {differences.length >= DIFF_LIMIT ? <li className="text-gray-500">… more differences not listed</li> : null}
            </ul>
          </div>
        ) : (
          <p className="text-xs text-gray-600">Same output; the status or error changed.</p>
        )
      ) : null}
      <div className="grid gap-3 lg:grid-cols-2">
        <div className="min-w-0">
          <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-gray-500">Original output</h4>
          {change.before ? <JsonView label="Original output" fileName={`${change.nodeId}-original-output`} value={change.before.output ?? null} /> : <p className="text-xs text-gray-500">Did not run.</p>}
        </div>
        <div className="min-w-0">
          <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-gray-500">This run&apos;s output</h4>
          {change.after ? <JsonView label="This run's output" fileName={`${change.nodeId}-output`} value={change.after.output ?? null} /> : <p className="text-xs text-gray-500">Did not run.</p>}
        </div>
      </div>
    </div>
  );
}
