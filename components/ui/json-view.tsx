"use client";
import { useState } from "react";

// Node inputs and outputs can be megabytes; rendering all of it freezes the tab.
const PREVIEW_CHARS = 4_000;

function stringify(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function formatSize(chars: number): string {
  return chars < 1024 ? `${chars} characters` : `${(chars / 1024).toFixed(1)} KB`;
}

export function JsonView({ value, label }: { value: unknown; label: string }) {
  const [showAll, setShowAll] = useState(false);
  const text = typeof value === "string" ? value : stringify(value);
  const truncated = !showAll && text.length > PREVIEW_CHARS;
  return (
    <div>
      <pre
        aria-label={label}
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md bg-gray-950 p-3 font-mono text-xs leading-relaxed text-gray-100"
      >
        {truncated ? `${text.slice(0, PREVIEW_CHARS)}\n…` : text}
      </pre>
      {text.length > PREVIEW_CHARS ? (
        <button
          type="button"
          onClick={() => setShowAll((v) => !v)}
          className="mt-1 text-xs font-medium text-blue-700 hover:underline"
        >
          {showAll ? "Show less" : `Show all (${formatSize(text.length)})`}
        </button>
      ) : null}
    </div>
  );
}
