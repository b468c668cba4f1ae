"use client";
import { createContext, useContext, useEffect, useId, useMemo, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field-styles";
import { insertSuggestion, previewExpression, syntaxError, wordBefore, type NodeSample, type Preview, type Suggestion } from "../expression-sample";

/** The selected node's sample data and the paths it offers; absent in contexts without a workflow. */
export const ExpressionSampleContext = createContext<{ sample: NodeSample | null; suggestions: Suggestion[] }>({ sample: null, suggestions: [] });

const MAX_OPTIONS = 8;

type Props = { id: string; value: string; onChange: (text: string) => void; label?: string };

// A text box for values that may hold `{{ }}` expressions: `{{ }}` parts are highlighted behind the
// text, typing `$` offers the sample's paths (ARIA combobox), and below it the value the expression
// computes from the sample, or its error, is shown live.
export function ExpressionInput({ id, value, onChange, label }: Props) {
  const { sample, suggestions } = useContext(ExpressionSampleContext);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const word = caret === null ? null : wordBefore(value, caret);
  const options = useMemo(() => (word ? suggestions.filter((s) => s.path.startsWith(word.word) && s.path !== word.word).slice(0, MAX_OPTIONS) : []), [word, suggestions]);
  const open = !dismissed && options.length > 0;
  const preview = usePreview(value, sample);

  const choose = (s: Suggestion) => {
    const next = insertSuggestion(value, caret ?? value.length, s.path);
    onChange(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  };
  const previewId = `${id}-preview`;
  return (
    <div className="relative">
      <div className="relative rounded-md bg-white">
        <Highlight text={value} />
        <input
          ref={input}
          id={id}
          aria-label={label}
          value={value}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
          aria-invalid={preview.kind === "error" || undefined}
          aria-describedby={preview.kind === "none" ? undefined : previewId}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            onChange(e.target.value);
            setCaret(e.target.selectionStart);
            setActive(0);
            setDismissed(false);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => setCaret(null)}
          onKeyDown={(e) => {
            if (!open) return;
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => (a + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
            } else if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              choose(options[Math.min(active, options.length - 1)]!);
            } else if (e.key === "Escape") {
              e.preventDefault();
              setDismissed(true);
            }
          }}
          className={`${inputClass.replace("mt-1 ", "").replace("bg-white", "bg-transparent")} relative font-mono text-xs caret-gray-900 ${value.includes("{{") ? "text-transparent" : ""}`}
        />
      </div>
      {open ? (
        <ul id={listId} role="listbox" aria-label="Paths from the sample" className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded-md border border-gray-200 bg-white py-1 text-xs shadow-lg">
          {options.map((s, i) => (
            <li
              key={s.path}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
              className={`flex cursor-pointer justify-between gap-3 px-2 py-1 font-mono ${i === active ? "bg-blue-50 text-blue-900" : "text-gray-800"}`}
            >
              <span className="truncate">{s.path}</span>
              <span className="truncate text-gray-500">{s.preview}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <PreviewLine id={previewId} preview={preview} />
    </div>
  );
}

function usePreview(value: string, sample: NodeSample | null): Preview {
  // Syntax is checked synchronously so an error shows on the keystroke that caused it.
  const problem = syntaxError(value);
  const [computed, setComputed] = useState<{ for: string; preview: Preview } | null>(null);
  useEffect(() => {
    if (problem || !value.includes("{{")) return;
    let live = true;
    void previewExpression(value, sample).then((preview) => {
      if (live) setComputed({ for: value, preview });
    });
    return () => {
      live = false;
    };
  }, [value, sample, problem]);
  if (!value.includes("{{")) return { kind: "none" };
  if (problem) return { kind: "error", message: problem };
  return computed?.for === value ? computed.preview : { kind: "none" };
}

function PreviewLine({ id, preview }: { id: string; preview: Preview }) {
  if (preview.kind === "none") return null;
  if (preview.kind === "error") {
    return (
      <p id={id} role="alert" data-expression-error className="mt-1 break-words text-xs text-red-700">
        {preview.message}
      </p>
    );
  }
  if (preview.kind === "noSample") return <p id={id} data-expression-no-sample className="mt-1 text-xs text-gray-500">{preview.reason}</p>;
  return (
    <p id={id} data-expression-preview className="mt-1 break-words font-mono text-xs text-emerald-800">
      = {preview.text}
    </p>
  );
}

/** `{{ … }}` parts in colour, drawn behind the (then transparent) text of the input. */
function Highlight({ text }: { text: string }) {
  if (!text.includes("{{")) return null;
  const parts = text.split(/(\{\{[\s\S]*?\}\})/);
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-0 overflow-hidden whitespace-pre border border-transparent px-3 py-2 font-mono text-xs">
      {parts.map((part, i) =>
        part.startsWith("{{") ? (
          <span key={i} className="rounded-sm bg-violet-100 text-violet-800">
            {part}
          </span>
        ) : (
          <span key={i} className="text-gray-900">
            {part}
          </span>
        ),
      )}
    </div>
  );
}
