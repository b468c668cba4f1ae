"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";

export type BuilderNodeData = { id: string; type: string; label: string; isTrigger: boolean; outputs: string[]; errors: string[]; selected: boolean; onSelect: (id: string) => void };
export type BuilderFlowNode = Node<BuilderNodeData, "builder">;

const HANDLE = "!size-3 !border-2 !border-white !bg-gray-500 hover:!bg-blue-600";

// A node on the editable canvas: one input handle (none on a trigger) and one output handle per
// output, named as the engine names them ("true"/"false", "0"… "fallback"), so a drag from a
// handle is the connection's `output`.
export function BuilderNodeView({ data }: NodeProps<BuilderFlowNode>) {
  const { id, type, label, isTrigger, outputs, errors, selected, onSelect } = data;
  const invalid = errors.length > 0;
  const named = outputs.length > 1 || outputs[0] !== "main";
  return (
    <div className="relative" style={{ minHeight: named ? 24 + outputs.length * 18 : undefined }}>
      {isTrigger ? null : <Handle type="target" position={Position.Left} id="in" data-handle={`${id}:in`} aria-label={`${id} input`} className={HANDLE} />}
      <button
        type="button"
        aria-pressed={selected}
        aria-label={`${id} (${type})${invalid ? `, ${errors.length} ${errors.length === 1 ? "error" : "errors"}: ${errors.join("; ")}` : ""}`}
        title={invalid ? errors.join("\n") : undefined}
        data-node-id={id}
        data-invalid={invalid || undefined}
        onClick={() => onSelect(id)}
        className={`w-44 rounded-lg border-2 py-2 pl-3 ${named ? "pr-12" : "pr-3"} text-left shadow-xs hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${invalid ? "border-red-500 bg-red-50" : "border-gray-300 bg-white"} ${selected ? "ring-2 ring-blue-600 ring-offset-2" : ""}`}
        style={{ minHeight: named ? 24 + outputs.length * 18 : undefined }}
      >
        <span className="block truncate text-sm font-semibold text-gray-900">{id}</span>
        <span className="flex items-center justify-between gap-2 text-xs">
          <span className="truncate text-gray-500">{label}</span>
          {invalid ? <span className="whitespace-nowrap font-medium text-red-700">{errors.length === 1 ? "1 error" : `${errors.length} errors`}</span> : null}
        </span>
      </button>
      {outputs.map((output, i) => {
        const top = named ? `${((i + 1) / (outputs.length + 1)) * 100}%` : "50%";
        return (
          <div key={output}>
            <Handle type="source" position={Position.Right} id={output} data-handle={`${id}:${output}`} aria-label={`${id} output ${output}`} className={HANDLE} style={{ top }} />
            {named ? (
              <span className="pointer-events-none absolute right-2 -translate-y-1/2 font-mono text-[10px] text-gray-500" style={{ top }}>
                {output}
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
