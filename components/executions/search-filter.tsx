"use client";
import { useState } from "react";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { Button } from "@/components/ui/button";
import { parseSearch } from "@/lib/executions/search/parse-search";
import { SearchSyntaxError } from "@/lib/executions/search/search-query";

const EXAMPLES = [
  `body.customer.email = "ada@example.com"`,
  "header.x-github-event = push",
  `node:enrich output.tier != "standard"`,
  `error ~ "timeout"`,
];

function problemOf(q: string): SearchSyntaxError | null {
  try {
    parseSearch(q);
    return null;
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error;
    throw error;
  }
}

// Runs on Enter (a half-typed condition is not a search). The server's parser runs here
// too, so a mistake is named with its position before anything is sent.
export function SearchFilter({ value, onCommit }: { value: string; onCommit: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  const [showProblem, setShowProblem] = useState(false);
  // The URL changed from elsewhere (Clear filters, back/forward): show it.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }
  const problem = problemOf(draft);
  const shown = showProblem ? problem : null;

  return (
    <form
      role="search"
      aria-label="Search executions"
      onSubmit={(e) => {
        e.preventDefault();
        // From a failed attempt on, the problem follows the typing until it is fixed.
        setShowProblem(problem !== null);
        if (!problem) onCommit(draft.trim());
      }}
    >
      <label htmlFor="filter-q" className={labelClass}>
        Search payloads, node outputs and errors
      </label>
      <div className="flex gap-2">
        <input
          id="filter-q"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={EXAMPLES[0]}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? "filter-q-error" : "filter-q-help"}
          className={`${inputClass} font-mono`}
        />
        <Button type="submit" variant="secondary" className="mt-1 shrink-0">
          Search
        </Button>
      </div>
      {shown ? (
        <p id="filter-q-error" role="alert" className="mt-1 text-xs text-red-700">
          {shown.problem} (character {shown.position + 1})
        </p>
      ) : (
        <p id="filter-q-help" className="mt-1 text-xs text-gray-500">
          Conditions on <code>body.</code>, <code>header.</code>, <code>query.</code>, <code>node:&lt;id&gt; output.</code> or <code>error</code> with{" "}
          <code>=</code>, <code>!=</code>, <code>~</code> (contains) or <code>exists</code>; all must hold. E.g.{" "}
          {EXAMPLES.slice(1).map((example, i) => (
            <span key={example}>
              {i ? ", " : ""}
              <code className="text-gray-700">{example}</code>
            </span>
          ))}
          .
        </p>
      )}
    </form>
  );
}
