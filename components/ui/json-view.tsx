"use client";
import { useMemo, useState, type UIEvent } from "react";
import { EMPTY_STATE, flattenJson, toggleIn, type JsonRow, type JsonTone, type JsonViewState } from "./json-rows";
import { DownloadJsonButton } from "./download-json-button";

// Node inputs and outputs can be megabytes. The viewer never stringifies the whole value
// for display: it flattens only open containers (json-rows.ts) and mounts only the rows
// in view, each one fixed-height line, so the DOM stays a few dozen rows at any size.
const ROW_HEIGHT = 20;
const OVERSCAN = 12;
const MAX_HEIGHT = 384;

const TONE_CLASSES: Record<JsonTone, string> = {
  string: "text-emerald-300",
  number: "text-sky-300",
  boolean: "text-amber-300",
  null: "text-gray-400",
  other: "text-gray-100",
};

function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function JsonView({ value, label, fileName }: { value: unknown; label: string; fileName?: string }) {
  const [state, setState] = useState<JsonViewState>(EMPTY_STATE);
  const [scrollTop, setScrollTop] = useState(0);
  const rows = useMemo(() => flattenJson(value, state), [value, state]);

  const height = Math.min(MAX_HEIGHT, rows.length * ROW_HEIGHT + 16);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + MAX_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  const actions = {
    toggle: (row: Extract<JsonRow, { kind: "open" }>) =>
      setState((s) => ({ ...s, toggled: new Map(s.toggled).set(row.path, !row.open) })),
    showAllChildren: (path: string) => setState((s) => ({ ...s, allChildren: toggleIn(s.allChildren, path) })),
    toggleString: (path: string) => setState((s) => ({ ...s, fullStrings: toggleIn(s.fullStrings, path) })),
  };

  return (
    <div className="min-w-0">
      <div
        role="group"
        aria-label={label}
        tabIndex={0}
        onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
        style={{ height }}
        className="overflow-auto rounded-md bg-gray-950 py-2 font-mono text-xs text-gray-100 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        <div style={{ height: rows.length * ROW_HEIGHT, paddingTop: first * ROW_HEIGHT }} className="min-w-max">
          {visible.map((row) => (
            <Row key={`${row.kind}:${row.path}:${row.kind === "chunk" ? row.index : ""}`} row={row} actions={actions} />
          ))}
        </div>
      </div>
      <div className="mt-1 flex items-center justify-between gap-2">
        <span className="text-xs text-gray-500">{rows.length > 20 ? `${formatCount(rows.length)} lines` : ""}</span>
        <DownloadJsonButton value={value} fileName={fileName ?? label} name={`Download ${label}`} />
      </div>
    </div>
  );
}

type Actions = {
  toggle: (row: Extract<JsonRow, { kind: "open" }>) => void;
  showAllChildren: (path: string) => void;
  toggleString: (path: string) => void;
};

const linkClass = "ml-2 rounded px-1 text-blue-300 underline-offset-2 hover:underline focus-visible:outline-1 focus-visible:outline-blue-300";

function KeyPrefix({ name }: { name: string | null }) {
  if (name === null) return null;
  return (
    <>
      <span className="text-violet-300">{JSON.stringify(name)}</span>
      <span className="text-gray-400">: </span>
    </>
  );
}

function Row({ row, actions }: { row: JsonRow; actions: Actions }) {
  const indent = { paddingLeft: 20 + row.depth * 16, height: ROW_HEIGHT };
  const base = "flex items-center whitespace-pre pr-3 leading-5";
  if (row.kind === "open") {
    const [o, c] = row.isArray ? ["[", "]"] : ["{", "}"];
    const noun = row.isArray ? (row.count === 1 ? "item" : "items") : row.count === 1 ? "key" : "keys";
    return (
      <div data-json-row="" style={indent} className={base}>
        {row.count > 0 ? (
          <button
            type="button"
            aria-expanded={row.open}
            aria-label={`${row.open ? "Collapse" : "Expand"} ${row.key ?? (row.path ? row.path : "value")}`}
            onClick={() => actions.toggle(row)}
            className="-ml-4 mr-1 w-3 text-gray-400 hover:text-white focus-visible:outline-1 focus-visible:outline-blue-300"
          >
            {row.open ? "▾" : "▸"}
          </button>
        ) : null}
        <KeyPrefix name={row.key} />
        {row.open ? (
          o
        ) : (
          <>
            {o}
            {row.preview !== null ? <span className="text-gray-300"> {row.preview} </span> : <span className="text-gray-500"> {row.count > 0 ? `… ${formatCount(row.count)} ${noun} ` : ""}</span>}
            {c}
            {row.comma ? "," : ""}
            {row.preview?.endsWith("…") ? <span className="ml-2 text-gray-500">{`${formatCount(row.count)} ${noun}`}</span> : null}
          </>
        )}
      </div>
    );
  }
  if (row.kind === "close") {
    return (
      <div data-json-row="" style={indent} className={base}>
        {row.isArray ? "]" : "}"}
        {row.comma ? "," : ""}
      </div>
    );
  }
  if (row.kind === "more") {
    return (
      <div data-json-row="" style={indent} className={`${base} text-gray-500`}>
        … {formatCount(row.hidden)} more
        <button type="button" className={linkClass} onClick={() => actions.showAllChildren(row.path)}>
          Show all {formatCount(row.total)} items
        </button>
      </div>
    );
  }
  if (row.kind === "chunk") {
    return (
      <div data-json-row="" style={indent} className={`${base} text-emerald-300`}>
        {row.text}
      </div>
    );
  }
  return (
    <div data-json-row="" style={indent} className={base}>
      <KeyPrefix name={row.key} />
      <span className={TONE_CLASSES[row.tone]}>{row.text}</span>
      {row.comma ? "," : ""}
      {row.hiddenChars > 0 ? (
        <button type="button" className={linkClass} onClick={() => actions.toggleString(row.path)}>
          Show all (+{formatCount(row.hiddenChars)} characters)
        </button>
      ) : null}
      {row.expanded ? (
        <button type="button" className={linkClass} onClick={() => actions.toggleString(row.path)}>
          Show less
        </button>
      ) : null}
    </div>
  );
}
