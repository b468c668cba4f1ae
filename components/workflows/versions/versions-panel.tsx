"use client";
import { useState } from "react";
import { errorMessage } from "@/components/data/fetch-api";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonBar } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import type { WorkflowDetail } from "../workflow-types";
import { useRestoreVersion, useVersion, useVersions } from "./use-versions";
import { VersionDiff } from "./version-diff";

const selectClass = "rounded-md border border-gray-300 bg-white px-2 py-1 text-sm";

// Every save is a version; any two can be compared, and any one restored (saved again as the newest).
export function VersionsPanel({ workflow }: { workflow: WorkflowDetail }) {
  const versions = useVersions(workflow.id, workflow.version);
  const [base, setBase] = useState<number | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const restore = useRestoreVersion(workflow.id);
  const from = base ?? Math.max(1, workflow.version - 1);
  const to = target ?? workflow.version;
  const before = useVersion(workflow.id, from);
  const after = useVersion(workflow.id, to);

  if (versions.isPending) return <SkeletonBar className="h-24 w-full" />;
  if (versions.isError) return <p role="alert" className="text-sm text-red-700">Could not load versions: {versions.error.message}</p>;
  const items = versions.data.items;
  return (
    <div className="space-y-4">
      <ul aria-label="Versions" className="max-h-56 divide-y divide-gray-100 overflow-auto">
        {items.map((v) => (
          <li key={v.version} data-version={v.version} className="flex items-center gap-3 py-1.5 text-sm">
            <span className="w-10 font-mono font-semibold text-gray-900">v{v.version}</span>
            <span className="min-w-0 flex-1 truncate text-gray-700">
              <RelativeTime iso={v.createdAt} /> · {v.executions === 1 ? "1 run" : `${v.executions} runs`}
            </span>
            {v.version === workflow.version ? (
              <span className="text-xs text-emerald-800">current</span>
            ) : (
              <button type="button" onClick={() => setRestoring(v.version)} disabled={!!workflow.archivedAt} aria-label={`Restore version ${v.version}`} className="text-xs font-medium text-blue-700 hover:underline disabled:text-gray-400">
                Restore
              </button>
            )}
          </li>
        ))}
      </ul>
      {items.length > 1 ? (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="diff-from">Compare</label>
            <select id="diff-from" value={from} onChange={(e) => setBase(Number(e.target.value))} className={selectClass}>
              {items.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
            <label htmlFor="diff-to">with</label>
            <select id="diff-to" value={to} onChange={(e) => setTarget(Number(e.target.value))} className={selectClass}>
              {items.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
          </div>
          {before.data && after.data ? <VersionDiff before={before.data} after={after.data} /> : before.isError || after.isError ? <p role="alert" className="text-sm text-red-700">Could not load a version.</p> : <SkeletonBar className="h-12 w-full" />}
        </div>
      ) : (
        <p className="text-sm text-gray-600">One version so far: each save adds one.</p>
      )}
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring}?`}
        confirmLabel="Restore"
        pending={restore.isPending}
        onCancel={() => setRestoring(null)}
        onConfirm={() =>
          restoring !== null &&
          restore.mutate(restoring, {
            onSuccess: (saved) => {
              toast.success(`Version ${restoring} restored`, `Saved as version ${saved.version}; its webhooks run it now.`);
              setRestoring(null);
              setBase(null);
              setTarget(null);
            },
            onError: (error) => toast.error("Not restored", errorMessage(error)),
          })
        }
      >
        Its definition is saved as a new version and goes live at once. Nothing is lost: the current version stays in the history.
      </ConfirmDialog>
    </div>
  );
}
