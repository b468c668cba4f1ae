"use client";
import { useMemo } from "react";
import { diffDefinitions, isEmptyDiff, type ValueChange } from "./diff-definitions";
import type { VersionDetail } from "./use-versions";

function show(value: unknown): string {
  return value === undefined ? "—" : JSON.stringify(value);
}

function Change({ change }: { change: ValueChange }) {
  return (
    <li className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-2 font-mono text-xs">
      <span className="truncate text-gray-600">{change.path}</span>
      <span className="min-w-0 break-words">
        <del className="bg-red-50 text-red-800">{show(change.before)}</del> → <ins className="bg-emerald-50 text-emerald-800 no-underline">{show(change.after)}</ins>
      </span>
    </li>
  );
}

export function VersionDiff({ before, after }: { before: VersionDetail; after: VersionDetail }) {
  const diff = useMemo(() => diffDefinitions(before, after), [before, after]);
  if (isEmptyDiff(diff)) return <p className="text-sm text-gray-600">No differences (node positions aside).</p>;
  return (
    <div aria-label={`Changes from version ${before.version} to ${after.version}`} role="region" className="space-y-3 text-sm">
      {diff.name ? (
        <p>
          Name: <del className="text-red-800">{diff.name.before}</del> → <ins className="text-emerald-800 no-underline">{diff.name.after}</ins>
        </p>
      ) : null}
      {diff.added.length ? <p>Added nodes: {diff.added.map((n) => <code key={n.id} className="mr-1 rounded bg-emerald-50 px-1 text-emerald-800">{n.id} ({n.type})</code>)}</p> : null}
      {diff.removed.length ? <p>Removed nodes: {diff.removed.map((n) => <code key={n.id} className="mr-1 rounded bg-red-50 px-1 text-red-800">{n.id} ({n.type})</code>)}</p> : null}
      {diff.changed.map((node) => (
        <div key={node.id} data-diff-node={node.id}>
          <p className="font-medium text-gray-900">
            Changed <code>{node.id}</code>
          </p>
          <ul className="mt-1 space-y-1">
            {node.changes.map((c) => (
              <Change key={c.path} change={c} />
            ))}
          </ul>
        </div>
      ))}
      {diff.connectionsAdded.length || diff.connectionsRemoved.length ? (
        <ul className="space-y-0.5 font-mono text-xs">
          {diff.connectionsAdded.map((c) => (
            <li key={`+${c}`} className="text-emerald-800">+ {c}</li>
          ))}
          {diff.connectionsRemoved.map((c) => (
            <li key={`-${c}`} className="text-red-800">− {c}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
