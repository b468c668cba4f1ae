"use client";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { buildGraph } from "@/components/executions/detail/graph-layout";
import type { DefinitionConnection, DefinitionNode } from "../workflow-types";
import { READ_ONLY_FLOW_PROPS } from "@/components/ui/read-only-flow";

type GraphNodeData = { id: string; type: string; errors: string[]; selected: boolean; onSelect: (id: string) => void };
type GraphNode = Node<GraphNodeData, "definition">;

function DefinitionNodeView({ data }: NodeProps<GraphNode>) {
  const { id, type, errors, selected, onSelect } = data;
  const invalid = errors.length > 0;
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="!size-1.5 !border-0 !bg-gray-400" />
      <button
        type="button"
        aria-pressed={selected}
        aria-label={`${id} (${type})${invalid ? `, ${errors.length} ${errors.length === 1 ? "error" : "errors"}: ${errors.join("; ")}` : ""}`}
        title={invalid ? errors.join("\n") : undefined}
        data-node-id={id}
        data-invalid={invalid || undefined}
        onClick={() => onSelect(id)}
        className={`nodrag nopan w-44 rounded-lg border-2 px-3 py-2 text-left shadow-xs hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${invalid ? "border-red-500 bg-red-50" : "border-gray-300 bg-white"} ${selected ? "ring-2 ring-blue-600 ring-offset-2" : ""}`}
      >
        <span className="block truncate text-sm font-semibold text-gray-900">{id}</span>
        <span className="flex items-center justify-between gap-2 text-xs">
          <span className="truncate text-gray-500">{type}</span>
          {invalid ? <span className="whitespace-nowrap font-medium text-red-700">{errors.length === 1 ? "1 error" : `${errors.length} errors`}</span> : null}
        </span>
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!size-1.5 !border-0 !bg-gray-400" />
    </>
  );
}

const NODE_TYPES = { definition: DefinitionNodeView };

type Props = {
  nodes: DefinitionNode[];
  connections: DefinitionConnection[];
  errorsByNode: Map<string, string[]>;
  selectedNodeId: string | null;
  onSelect: (id: string) => void;
};

// Read-only: the definition is edited as JSON; the graph shows its shape and where errors are.
export function DefinitionGraph({ nodes, connections, errorsByNode, selectedNodeId, onSelect }: Props) {
  const graph = useMemo(() => buildGraph({ version: 0, name: "", nodes, connections }, [], []), [nodes, connections]);
  const flowNodes = useMemo<GraphNode[]>(
    () =>
      graph.nodes.map((model) => ({
        id: model.id,
        type: "definition",
        position: { x: model.x, y: model.y },
        data: { id: model.id, type: model.type, errors: errorsByNode.get(model.id) ?? [], selected: model.id === selectedNodeId, onSelect },
      })),
    [graph, errorsByNode, selectedNodeId, onSelect],
  );
  const edges = useMemo<Edge[]>(
    () =>
      graph.edges.map((e) => ({
        id: e.id,
        source: e.from,
        target: e.to,
        label: e.output && e.output !== "main" ? e.output : undefined,
        ariaLabel: `${e.from} to ${e.to}${e.output ? ` (${e.output})` : ""}`,
        style: { stroke: "#6b7280", strokeWidth: 1.5 },
        markerEnd: { type: MarkerType.ArrowClosed, color: "#6b7280" },
        labelStyle: { fontSize: 11, fill: "#374151" },
      })),
    [graph],
  );
  // Remount on a new shape so fitView frames the new nodes.
  const shapeKey = useMemo(() => nodes.map((n) => n.id).join("|"), [nodes]);
  return (
    <div className="h-64 sm:h-80" data-testid="workflow-graph">
      {nodes.length === 0 ? (
        <p className="p-4 text-sm text-gray-600">No nodes to show.</p>
      ) : (
        <ReactFlow
          key={shapeKey}
          nodes={flowNodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          {...READ_ONLY_FLOW_PROPS}
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        >
          <Background gap={16} color="#e5e7eb" />
          <Controls showInteractive={false} position="bottom-left" />
        </ReactFlow>
      )}
    </div>
  );
}
