"use client";
import { useEffect, useState } from "react";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { normalizeIdFilter } from "./use-execution-filters";

const DEBOUNCE_MS = 350;

// Typing (or pasting) an id filters after a short pause; a value that cannot be an id
// prefix is shown as an error and never reaches the URL.
export function IdFilter({ value, onCommit }: { value: string; onCommit: (id: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  // The URL changed from elsewhere (Clear filters, back/forward): show it.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }
  const trimmed = draft.trim();
  const normalized = trimmed ? normalizeIdFilter(trimmed) : "";
  const invalid = normalized === null;

  useEffect(() => {
    if (normalized === null || normalized === committed) return;
    const timer = setTimeout(() => onCommit(normalized), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [normalized, committed, onCommit]);

  return (
    <div>
      <label htmlFor="filter-id" className={labelClass}>
        Execution id
      </label>
      <input
        id="filter-id"
        type="search"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="Full id or its start, e.g. 0193f2a1"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && normalized !== null) onCommit(normalized);
        }}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? "filter-id-error" : undefined}
        className={`${inputClass} font-mono`}
      />
      {invalid ? (
        <p id="filter-id-error" className="mt-1 text-xs text-red-700">
          Use the hexadecimal characters of an execution id (0–9, a–f, hyphens).
        </p>
      ) : null}
    </div>
  );
}
