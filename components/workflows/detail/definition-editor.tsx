"use client";
import { useCallback, useImperativeHandle, useMemo, useRef, type Ref } from "react";
import { Button } from "@/components/ui/button";
import type { EditorIssue } from "./map-issues";

export type EditorHandle = { selectLine: (line: number) => void; scrollToLine: (line: number) => void };

type Props = {
  ref?: Ref<EditorHandle>;
  text: string;
  onChange: (text: string) => void;
  issues: EditorIssue[];
  syntaxError: { message: string; line: number } | null;
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onRevert: () => void;
};

const LINE_PX = 20;

// A textarea with a line-number gutter: lines never wrap (wrap="off") so the gutter stays
// aligned, and lines the server or the JSON reader complained about are marked in it.
export function DefinitionEditor({ ref, text, onChange, issues, syntaxError, dirty, saving, onSave, onRevert }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => text.split("\n").length, [text]);
  const badLines = useMemo(() => {
    const lines = new Set(issues.map((i) => i.line).filter((l): l is number => l !== null));
    if (syntaxError) lines.add(syntaxError.line);
    return lines;
  }, [issues, syntaxError]);

  const selectLine = useCallback((line: number) => {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    const indent = (lines[line - 1] ?? "").match(/^\s*/)?.[0].length ?? 0;
    el.focus();
    el.setSelectionRange(start + indent, start + (lines[line - 1]?.length ?? 0));
    el.scrollTop = Math.max(0, (line - 4) * LINE_PX);
  }, []);
  // Scrolls without moving focus, which stays on Save while the problems alert is announced.
  const scrollToLine = useCallback((line: number) => {
    if (area.current) area.current.scrollTop = Math.max(0, (line - 4) * LINE_PX);
  }, []);
  useImperativeHandle(ref, () => ({ selectLine, scrollToLine }), [selectLine, scrollToLine]);

  const describedBy = [issues.length || syntaxError ? "definition-issues" : null, "definition-help"].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor="definition-json" className="sr-only">
        Workflow definition (JSON)
      </label>
      <div className="flex h-[28rem] overflow-hidden rounded-md border border-gray-300 bg-white focus-within:border-blue-600 focus-within:ring-2 focus-within:ring-blue-600/20">
        <div ref={gutter} aria-hidden="true" className="shrink-0 select-none overflow-hidden border-r border-gray-200 bg-gray-50 py-2 font-mono text-xs leading-5 text-gray-400">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} data-error-line={badLines.has(i + 1) || undefined} className={`px-2 text-right ${badLines.has(i + 1) ? "bg-red-100 font-semibold text-red-700" : ""}`}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={area}
          id="definition-json"
          value={text}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={badLines.size > 0 || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={(e) => {
            if ((e.metaKey || e.ctrlKey) && e.key === "s") {
              e.preventDefault();
              if (!saving) onSave();
            }
          }}
          className="min-w-0 flex-1 resize-none overflow-auto whitespace-pre bg-transparent px-3 py-2 font-mono text-xs leading-5 text-gray-900 focus:outline-none"
        />
      </div>
      <p id="definition-help" className="mt-1 text-xs text-gray-500">
        JSON: name, nodes, connections, settings. Ctrl/⌘ + S saves. See docs/nodes.md for every node&apos;s parameters.
      </p>
      <IssueList issues={issues} syntaxError={syntaxError} onGoTo={selectLine} />
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button onClick={onSave} disabled={saving || syntaxError !== null}>
          {saving ? "Saving…" : "Save definition"}
        </Button>
        <Button variant="secondary" onClick={onRevert} disabled={!dirty || saving}>
          Revert
        </Button>
        <span className="text-xs text-gray-500" aria-live="polite">
          {dirty ? "Unsaved changes" : "Saved"}
        </span>
      </div>
    </div>
  );
}

function IssueList({ issues, syntaxError, onGoTo }: { issues: EditorIssue[]; syntaxError: Props["syntaxError"]; onGoTo: (line: number) => void }) {
  if (!issues.length && !syntaxError) return null;
  return (
    <div id="definition-issues" role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">{syntaxError ? "The definition is not valid JSON" : `The definition was not saved: ${issues.length === 1 ? "1 problem" : `${issues.length} problems`}`}</p>
      <ul className="mt-2 space-y-1.5" aria-label="Definition problems">
        {syntaxError ? (
          <IssueItem key="syntax" label={null} line={syntaxError.line} message={syntaxError.message} onGoTo={onGoTo} />
        ) : (
          issues.map((issue, i) => <IssueItem key={i} label={issue.nodeId} path={issue.path} line={issue.line} message={issue.message} onGoTo={onGoTo} />)
        )}
      </ul>
    </div>
  );
}

function IssueItem({ label, path, line, message, onGoTo }: { label: string | null; path?: string; line: number | null; message: string; onGoTo: (line: number) => void }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-2 gap-y-1" data-issue-node={label ?? undefined}>
      {label ? <span className="rounded bg-red-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-red-800">{label}</span> : null}
      {path ? <code className="font-mono text-xs text-red-700">{path}</code> : null}
      <span className="min-w-0 break-words">{message}</span>
      {line !== null ? (
        <button type="button" onClick={() => onGoTo(line)} className="text-xs font-medium text-red-800 underline underline-offset-2 hover:text-red-950 focus-visible:outline-2 focus-visible:outline-blue-600">
          Go to line {line}
        </button>
      ) : null}
    </li>
  );
}
