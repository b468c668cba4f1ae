"use client";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ExecutionDetail } from "@/components/data/api-types";
import { outputNames, type NodeCatalog } from "@/lib/workflows/node-catalog-types";
import type { EditorIssue } from "../detail/map-issues";
import { BuilderCanvas } from "./builder-canvas";
import { addNode, asDraft, autoLayout, connect, fillPositions, freePosition, type Draft } from "./definition-ops";
import { sampleFor, suggestionsFor } from "./expression-sample";
import { NodeInspector } from "./node-inspector";
import { NodePalette } from "./node-palette";
import { ExpressionSampleContext } from "./schema-form/expression-input";

type Props = {
  workflowId: string;
  catalog: NodeCatalog;
  value: unknown;
  syntaxError: boolean;
  issues: EditorIssue[];
  errorsByNode: Map<string, string[]>;
  dirty: boolean;
  saving: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onText: (text: string) => void;
  onUndo: () => void;
  onRedo: () => void;
  onSave: () => void;
  onRevert: () => void;
  sampleExecution: ExecutionDetail | null;
  jsonEditor: ReactNode;
};

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

// The workflow page's editor: palette | canvas | selected node's form, and a JSON tab. Both tabs
// edit the same JSON text (the draft), which is what is saved: the canvas has no model of its own.
export function WorkflowBuilder(props: Props) {
  const { workflowId, catalog, value, syntaxError, issues, errorsByNode, dirty, saving, canUndo, canRedo, onText, onUndo, onRedo, onSave, onRevert, sampleExecution, jsonEditor } = props;
  const [tab, setTab] = useState<"canvas" | "json">("canvas");
  const [selected, setSelected] = useState<string | null>(null);
  const search = useRef<HTMLDivElement>(null);
  const byType = useMemo(() => new Map(catalog.nodes.map((e) => [e.type, e])), [catalog]);
  const draft = useMemo(() => (syntaxError ? null : asDraft(value)), [value, syntaxError]);
  const commit = useCallback((next: Draft) => onText(JSON.stringify(next, null, 2)), [onText]);
  const selectedNode = draft?.nodes.find((n) => n.id === selected) ?? null;

  const addType = (type: string, dropped?: { x: number; y: number }) => {
    const entry = byType.get(type);
    if (!entry || !draft) return;
    const base = fillPositions(draft);
    const anchor = selected ? base.nodes.find((n) => n.id === selected) : undefined;
    // Added after the selected node: to its first output that has no connection yet.
    const free = anchor && !entry.isTrigger ? outputNames(byType.get(anchor.type), anchor.parameters ?? {}).find((o) => !base.connections.some((c) => c.from === anchor.id && (c.output ?? "main") === o)) : undefined;
    const row = anchor && free ? outputNames(byType.get(anchor.type), anchor.parameters ?? {}).indexOf(free) : 0;
    const added = addNode(base, entry, dropped ?? freePosition(base, anchor?.position ?? null, row));
    commit(anchor && free && !dropped ? connect(added.draft, anchor.id, free, added.id) : added.draft);
    setSelected(added.id);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const mod = e.metaKey || e.ctrlKey;
      if (mod && e.key.toLowerCase() === "s") {
        e.preventDefault();
        if (!saving) onSave();
        return;
      }
      if (tab !== "canvas" || isTyping(e.target)) return;
      if (mod && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) onRedo();
        else onUndo();
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        onRedo();
      } else if (!mod && e.key === "/") {
        e.preventDefault();
        search.current?.querySelector("input")?.focus();
      } else if (!mod && e.key.toLowerCase() === "l" && draft) {
        commit(autoLayout(draft));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [tab, saving, onSave, onUndo, onRedo, draft, commit]);

  const sample = useMemo(() => (draft && selected ? sampleFor(sampleExecution, draft, selected) : null), [sampleExecution, draft, selected]);
  const sampleContext = useMemo(() => ({ sample, suggestions: suggestionsFor(sample) }), [sample]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label="Editor" className="flex rounded-md border border-gray-300 p-0.5">
          {(["canvas", "json"] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={`rounded px-3 py-1 text-sm font-medium ${tab === t ? "bg-gray-900 text-white" : "text-gray-700 hover:bg-gray-100"}`}>
              {t === "canvas" ? "Canvas" : "JSON"}
            </button>
          ))}
        </div>
        {draft ? (
          <>
            <label htmlFor="workflow-name" className="sr-only">
              Workflow name
            </label>
            <input id="workflow-name" value={draft.name} onChange={(e) => commit({ ...draft, name: e.target.value })} className="w-56 rounded-md border border-gray-300 px-2 py-1 text-sm" />
          </>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button variant="ghost" onClick={onUndo} disabled={!canUndo} title="Undo (Ctrl/⌘ + Z)">
            Undo
          </Button>
          <Button variant="ghost" onClick={onRedo} disabled={!canRedo} title="Redo (Ctrl/⌘ + Shift + Z)">
            Redo
          </Button>
          <Button variant="secondary" onClick={() => draft && commit(autoLayout(draft))} disabled={!draft} title="Auto-layout (L)">
            Auto-layout
          </Button>
          <Button variant="secondary" onClick={onRevert} disabled={!dirty || saving}>
            Discard changes
          </Button>
          <Button onClick={onSave} disabled={saving || syntaxError} title="Save (Ctrl/⌘ + S)">
            {saving ? "Saving…" : "Save workflow"}
          </Button>
          <span role="status" data-dirty={dirty || undefined} className={`rounded-full px-2 py-0.5 text-xs font-medium ${dirty ? "bg-amber-100 text-amber-900" : "bg-emerald-50 text-emerald-800"}`}>
            {dirty ? "Unsaved changes" : "All changes saved"}
          </span>
        </div>
      </div>
      {tab === "json" ? (
        jsonEditor
      ) : !draft ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          The JSON does not parse as a workflow, so the canvas cannot show it. Fix it in the JSON tab.
        </p>
      ) : (
        <ExpressionSampleContext value={sampleContext}>
          <div className="grid h-[34rem] grid-cols-[11rem_minmax(0,1fr)_20rem] gap-3">
            <div ref={search} className="min-h-0">
              <NodePalette entries={catalog.nodes} onAdd={(type) => addType(type)} />
            </div>
            <div className="relative min-h-0 overflow-hidden rounded-md border border-gray-200">
              {draft.nodes.length === 0 ? <p className="absolute z-10 m-3 text-sm text-gray-600">Empty workflow: add a Webhook from the palette to start.</p> : null}
              <ReactFlowProvider>
                <BuilderCanvas draft={draft} catalog={byType} errorsByNode={errorsByNode} selectedId={selected} onSelect={setSelected} onChange={commit} onDropType={(type, position) => addType(type, position)} />
              </ReactFlowProvider>
            </div>
            <div className="min-h-0 min-w-0 overflow-y-auto overflow-x-hidden rounded-md border border-gray-200 p-3">
              {selectedNode ? (
                <NodeInspector key={selectedNode.id} workflowId={workflowId} draft={draft} nodeId={selectedNode.id} catalog={catalog} entry={byType.get(selectedNode.type)} issues={issues} onChange={commit} onSelect={setSelected} />
              ) : (
                <div className="space-y-2 text-xs text-gray-600">
                  <p className="text-sm font-medium text-gray-900">Select a node to edit it.</p>
                  <p>Add nodes from the palette (click, or drag onto the canvas); drag from an output handle to a node&apos;s input to connect.</p>
                  <p>
                    Keys: <kbd>Delete</kbd> removes the selection · <kbd>Ctrl/⌘ Z</kbd> undo · <kbd>Ctrl/⌘ Shift Z</kbd> redo · <kbd>Ctrl/⌘ S</kbd> save · <kbd>/</kbd> search nodes · <kbd>L</kbd> auto-layout
                  </p>
                </div>
              )}
            </div>
          </div>
        </ExpressionSampleContext>
      )}
    </div>
  );
}
