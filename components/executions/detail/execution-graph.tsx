"use client";
import { isTerminal } from "@/lib/executions/status";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo } from "react";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, useReactFlow, useStore, type Edge, type Node, type NodeProps } from "@xyflow/react";
import type { ExecutionDetail } from "@/components/data/api-types";
import { formatDuration } from "@/components/ui/format";
import { Elapsed } from "@/components/ui/elapsed";
import { buildGraph, type GraphNodeModel } from "./graph-layout";
import { findRunningNode } from "./running-node";
import { graphNodeLook, IDLE_EDGE_COLOR, TAKEN_EDGE_COLOR } from "./status-styles";
import { READ_ONLY_FLOW_PROPS } from "@/components/ui/read-only-flow";

type RunNodeData = { model: GraphNodeModel; selected: boolean; running: boolean; runningSince: string | null; onSelect: (id: string) => void };
type RunNode = Node<RunNodeData, "run">;

function RunNodeView({ data }: NodeProps<RunNode>) {
  const { model, selected, running, runningSince, onSelect } = data;
  const look = graphNodeLook(model.status, running);
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="!size-1.5 !border-0 !bg-gray-400" />
      <button
        type="button"
        aria-pressed={selected}
        aria-label={`${model.id} (${model.type}), ${look.label}${model.durationMs !== null ? `, ${formatDuration(model.durationMs)}` : ""}`}
        data-node-id={model.id}
        data-status={model.status}
        onClick={() => onSelect(model.id)}
        className={`nodrag nopan pointer-events-auto w-44 rounded-lg border-2 px-3 py-2 text-left shadow-xs transition-shadow hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${look.node} ${selected ? "ring-2 ring-blue-600 ring-offset-2" : ""}`}
      >
        <span className="block truncate text-sm font-semibold text-gray-900">{model.id}</span>
        <span className="flex items-center justify-between gap-2 text-xs">
          <span className="truncate text-gray-500">{model.type}</span>
          <span className={`whitespace-nowrap font-medium ${look.text}`}>
            {look.label}
            {model.runs > 1 ? ` ×${model.runs}` : ""}
          </span>
        </span>
        {model.durationMs !== null ? <span className="block text-xs tabular-nums text-gray-600">{formatDuration(model.durationMs)}</span> : null}
        {model.status === "RUNNING" && runningSince ? (
          <span className="block text-xs text-gray-600" data-testid="running-elapsed">
            for <Elapsed since={runningSince} />
          </span>
        ) : null}
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!size-1.5 !border-0 !bg-gray-400" />
    </>
  );
}

const NODE_TYPES = { run: RunNodeView };
const FIT_VIEW = { padding: 0.15, maxZoom: 1 };

// React Flow fits once on mount; a rotated phone or resized window would leave nodes off-screen.
function FitOnResize() {
  const width = useStore((s) => s.width);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width > 0) void fitView(FIT_VIEW);
  }, [width, fitView]);
  return null;
}

type Props = { execution: ExecutionDetail; selectedNodeId: string | null; onSelect: (id: string) => void };

export function ExecutionGraph({ execution, selectedNodeId, onSelect }: Props) {
  const running = !isTerminal(execution.status);
  const current = useMemo(() => findRunningNode(execution), [execution]);
  const graph = useMemo(
    () => (execution.snapshot ? buildGraph(execution.snapshot, execution.nodes, execution.executionPath ?? [], current?.nodeId ?? null) : null),
    [execution.snapshot, execution.nodes, execution.executionPath, current],
  );
  const nodes = useMemo<RunNode[]>(
    () => (graph?.nodes ?? []).map((model) => ({ id: model.id, type: "run", position: { x: model.x, y: model.y }, data: { model, selected: model.id === selectedNodeId, running, runningSince: current?.since ?? null, onSelect } })),
    [graph, selectedNodeId, running, current, onSelect],
  );
  const edges = useMemo<Edge[]>(
    () =>
      (graph?.edges ?? []).map((e) => {
        const color = e.taken ? TAKEN_EDGE_COLOR : IDLE_EDGE_COLOR;
        return {
          id: e.id,
          source: e.from,
          target: e.to,
          animated: e.taken,
          label: e.output && e.output !== "main" ? e.output : undefined,
          ariaLabel: `${e.from} to ${e.to}${e.output ? ` (${e.output})` : ""}, ${e.taken ? "taken" : "not taken"}`,
          style: { stroke: color, strokeWidth: e.taken ? 2.5 : 1.5, strokeDasharray: e.taken ? undefined : "4 4" },
          markerEnd: { type: MarkerType.ArrowClosed, color },
          labelStyle: { fontSize: 11, fill: "#374151" },
          data: { taken: e.taken },
        };
      }),
    [graph],
  );

  return (
    <section aria-labelledby="graph-heading" className="rounded-lg border border-gray-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-100 px-4 py-2">
        <h2 id="graph-heading" className="text-base font-semibold text-gray-900">
          Workflow graph
          {execution.snapshot ? <span className="ml-2 text-sm font-normal text-gray-500">version {execution.snapshot.version}</span> : null}
        </h2>
        <p className="flex items-center gap-3 text-xs text-gray-500">
          <span className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-0.5 w-5 bg-blue-600" /> taken path
          </span>
          <span className="hidden sm:inline">Select a node to see its data</span>
        </p>
      </div>
      {graph ? (
        <div className="h-64 sm:h-80" data-testid="execution-graph">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            {...READ_ONLY_FLOW_PROPS}
            fitViewOptions={FIT_VIEW}
          >
            <FitOnResize />
            <Background gap={16} color="#e5e7eb" />
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
        </div>
      ) : (
        <p className="px-4 py-6 text-sm text-gray-600">The workflow version this run used is not available.</p>
      )}
    </section>
  );
}
