"use client";
import { useMemo, useState } from "react";
import { outputNames, type NodeCatalog, type NodeCatalogEntry } from "@/lib/workflows/node-catalog-types";
import type { EditorIssue } from "../detail/map-issues";
import { fieldsOf } from "./schema-form/field-model";
import { SchemaForm } from "./schema-form/schema-form";
import { CodeRunner } from "./code-runner";
import { renameNode, setOutputTarget, updateNode, removeNodes, type Draft } from "./definition-ops";

type Props = {
  workflowId: string;
  draft: Draft;
  nodeId: string;
  catalog: NodeCatalog;
  entry: NodeCatalogEntry | undefined;
  issues: EditorIssue[];
  onChange: (draft: Draft) => void;
  onSelect: (id: string | null) => void;
};

/** Server issues for this node, keyed by the path under the node ("parameters.condition" → "condition"). */
function issuesUnder(issues: EditorIssue[], nodeId: string, section: "parameters" | "settings") {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    if (issue.nodeId !== nodeId) continue;
    const match = new RegExp(`^nodes\\[\\d+\\]\\.${section}\\.?(.*)$`).exec(issue.path);
    if (match) (out[match[1] ?? ""] ??= []).push(issue.message);
  }
  return out;
}

// The selected node's id, parameters and settings as forms generated from its schemas, and its
// outputs as "connect to" choices (the keyboard way to draw an edge).
export function NodeInspector({ workflowId, draft, nodeId, catalog, entry, issues, onChange, onSelect }: Props) {
  const node = draft.nodes.find((n) => n.id === nodeId);
  const parameterFields = useMemo(() => (entry ? fieldsOf(entry.parameters, entry.expressionParameters) : []), [entry]);
  const settingsFields = useMemo(() => fieldsOf(catalog.settings), [catalog.settings]);
  const [idText, setIdText] = useState(nodeId);
  const [seenId, setSeenId] = useState(nodeId);
  if (seenId !== nodeId) {
    setSeenId(nodeId);
    setIdText(nodeId);
  }
  if (!node) return null;
  const outputs = outputNames(entry, node.parameters ?? {});
  const targets = draft.nodes.filter((n) => n.id !== nodeId && !catalog.nodes.find((e) => e.type === n.type)?.isTrigger);
  const nodeLevel = issues.filter((i) => i.nodeId === nodeId && !/\.(parameters|settings)\b/.test(i.path));
  const commitId = () => {
    const next = idText.trim();
    if (next === nodeId) return;
    const renamed = renameNode(draft, nodeId, next);
    if (renamed === draft) {
      setIdText(nodeId);
      return;
    }
    onChange(renamed);
    onSelect(next);
  };

  return (
    <section aria-label={`Node ${nodeId}`} className="space-y-4" data-inspector={nodeId}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-[11px] font-semibold uppercase tracking-wide text-gray-500">{entry?.group ?? "Unknown type"}</p>
          <h3 className="text-sm font-semibold text-gray-900">{entry?.label ?? node.type}</h3>
          {entry ? <p className="text-xs text-gray-600">{entry.description}</p> : <p className="text-xs text-red-700">No node type &quot;{node.type}&quot; is registered.</p>}
        </div>
        <button
          type="button"
          onClick={() => {
            onChange(removeNodes(draft, [nodeId]));
            onSelect(null);
          }}
          className="rounded-md px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
        >
          Delete node
        </button>
      </div>
      {nodeLevel.length ? (
        <ul role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-900">
          {nodeLevel.map((i, k) => (
            <li key={k}>{i.message}</li>
          ))}
        </ul>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="node-id" className="block text-xs font-medium text-gray-700">
          Node id
        </label>
        <input
          id="node-id"
          value={idText}
          onChange={(e) => setIdText(e.target.value)}
          onBlur={commitId}
          onKeyDown={(e) => {
            if (e.key === "Enter") commitId();
          }}
          className="block w-full rounded-md border border-gray-300 px-2 py-1.5 font-mono text-xs"
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-xs font-semibold text-gray-900">Parameters</legend>
        {parameterFields.length === 0 ? <p className="text-xs text-gray-500">This node has no parameters.</p> : null}
        <SchemaForm idPrefix={`p-${nodeId}`} fields={parameterFields} value={node.parameters ?? {}} errors={issuesUnder(issues, nodeId, "parameters")} codeFields={entry?.codeParameters} onChange={(parameters) => onChange(updateNode(draft, nodeId, { parameters }))} />
        {entry?.sampleRun ? <CodeRunner workflowId={workflowId} parameters={node.parameters ?? {}} /> : null}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-xs font-semibold text-gray-900">Outputs</legend>
        {outputs.map((output) => {
          const current = draft.connections.filter((c) => c.from === nodeId && (c.output ?? "main") === output).map((c) => c.to);
          return (
            <div key={output} className="flex items-center gap-2">
              <label htmlFor={`out-${output}`} className="w-28 shrink-0 text-xs text-gray-700">
                {output === "main" ? "Next node" : `Output ${output}`}
              </label>
              <select
                id={`out-${output}`}
                value={current[0] ?? ""}
                onChange={(e) => onChange(setOutputTarget(draft, nodeId, output, e.target.value || null))}
                className="min-w-0 flex-1 rounded-md border border-gray-300 px-2 py-1 text-xs"
              >
                <option value="">— none —</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.id}
                  </option>
                ))}
              </select>
              {current.length > 1 ? <span className="text-[11px] text-gray-500">+{current.length - 1}</span> : null}
            </div>
          );
        })}
      </fieldset>
      <details className="rounded-md border border-gray-200 p-2" open={Object.keys(issuesUnder(issues, nodeId, "settings")).length > 0 || undefined}>
        <summary className="cursor-pointer text-xs font-semibold text-gray-900">Settings (retry, continue on fail, timeout)</summary>
        <div className="mt-2">
          <SchemaForm idPrefix={`s-${nodeId}`} fields={settingsFields} value={node.settings ?? {}} errors={issuesUnder(issues, nodeId, "settings")} onChange={(settings) => onChange(updateNode(draft, nodeId, { settings: Object.keys(settings).length ? settings : undefined }))} />
        </div>
      </details>
    </section>
  );
}
