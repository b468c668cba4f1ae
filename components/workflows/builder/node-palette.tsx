"use client";
import { useId, useMemo, useState } from "react";
import type { NodeCatalogEntry } from "@/lib/workflows/node-catalog-types";
import { PALETTE_MIME } from "./builder-canvas";

type Props = { entries: NodeCatalogEntry[]; onAdd: (type: string) => void };

// Every registered node type, grouped and searchable. Click (or Enter) adds the node after the
// selected one; dragging it onto the canvas drops it where it is released.
export function NodePalette({ entries, onAdd }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = entries.filter((e) => !q || `${e.type} ${e.label} ${e.description} ${e.group}`.toLowerCase().includes(q));
    const byGroup = new Map<string, NodeCatalogEntry[]>();
    for (const e of matching) byGroup.set(e.group, [...(byGroup.get(e.group) ?? []), e]);
    return [...byGroup];
  }, [entries, query]);
  return (
    <nav aria-label="Node palette" className="flex h-full flex-col gap-2">
      <label htmlFor={`${id}-search`} className="sr-only">
        Search nodes
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Search nodes…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = groups[0]?.[1][0];
          if (e.key === "Enter" && first) {
            e.preventDefault();
            onAdd(first.type);
          }
        }}
        className="rounded-md border border-gray-300 px-2 py-1.5 text-sm"
      />
      <div className="min-h-0 flex-1 space-y-3 overflow-auto">
        {groups.length === 0 ? <p className="text-xs text-gray-500">No node type matches.</p> : null}
        {groups.map(([group, items]) => (
          <section key={group} aria-label={group}>
            <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-gray-500">{group}</h3>
            <ul className="space-y-1">
              {items.map((entry) => (
                <li key={entry.type}>
                  <button
                    type="button"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(PALETTE_MIME, entry.type);
                      e.dataTransfer.effectAllowed = "copy";
                    }}
                    onClick={() => onAdd(entry.type)}
                    aria-label={`Add ${entry.label} node`}
                    title={entry.description}
                    className="w-full cursor-grab rounded-md border border-gray-200 bg-white px-2 py-1.5 text-left hover:border-blue-400 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600"
                  >
                    <span className="block text-sm font-medium text-gray-900">{entry.label}</span>
                    <span className="block truncate text-[11px] text-gray-500">{entry.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
