"use client";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState, type DragEvent } from "react";
import { applyEdgeChanges, applyNodeChanges, Background, Controls, MarkerType, ReactFlow, useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange } from "@xyflow/react";
import { buildGraph } from "@/components/executions/detail/graph-layout";
import { outputNames, type NodeCatalogEntry } from "@/lib/workflows/node-catalog-types";
import { BuilderNodeView, type BuilderFlowNode } from "./builder-node";
import { connect, connectionKey, moveNodes, removeConnections, removeNodes, type Draft } from "./definition-ops";

const NODE_TYPES = { builder: BuilderNodeView };
export const PALETTE_MIME = "application/x-hookflow-node-type";

type Props = {
  draft: Draft;
  catalog: ReadonlyMap<string, NodeCatalogEntry>;
  errorsByNode: Map<string, string[]>;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onChange: (draft: Draft) => void;
  onDropType: (type: string, position: { x: number; y: number }) => void;
};

// Derived from the draft on every change; React Flow's own state (sizes, drag positions,
// selection) is kept between derivations so the nodes never flash while being measured.
function useFlowState<T extends { id: string }>(derived: T[], apply: (changes: never[], items: T[]) => T[]) {
  const [items, setItems] = useState(derived);
  const [seen, setSeen] = useState(derived);
  if (derived !== seen) {
    setSeen(derived);
    setItems((prev) => {
      const byId = new Map(prev.map((p) => [p.id, p as T & { measured?: unknown }]));
      return derived.map((d) => (byId.get(d.id)?.measured ? { ...d, measured: byId.get(d.id)!.measured } : d));
    });
  }
  return [items, (changes: never[]) => setItems((current) => apply(changes, current))] as const;
}

export function BuilderCanvas({ draft, catalog, errorsByNode, selectedId, onSelect, onChange, onDropType }: Props) {
  const flow = useReactFlow();
  const layout = useMemo(() => {
    const graph = buildGraph({ version: 0, name: "", nodes: draft.nodes.map(({ id, type, position }) => ({ id, type, parameters: {}, position })), connections: draft.connections }, [], []);
    return new Map(graph.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
  }, [draft]);

  const derivedNodes = useMemo<BuilderFlowNode[]>(
    () =>
      draft.nodes.map((n) => {
        const entry = catalog.get(n.type);
        return {
          id: n.id,
          type: "builder",
          position: n.position ?? layout.get(n.id) ?? { x: 0, y: 0 },
          selected: n.id === selectedId,
          data: { id: n.id, type: n.type, label: entry?.label ?? n.type, isTrigger: entry?.isTrigger ?? false, outputs: outputNames(entry, n.parameters ?? {}), errors: errorsByNode.get(n.id) ?? [], selected: n.id === selectedId, onSelect },
        };
      }),
    [draft, catalog, layout, errorsByNode, selectedId, onSelect],
  );
  const derivedEdges = useMemo<Edge[]>(
    () =>
      draft.connections.map((c) => ({
        id: connectionKey(c),
        source: c.from,
        sourceHandle: c.output ?? "main",
        target: c.to,
        targetHandle: "in",
        ariaLabel: `${c.from} to ${c.to}${c.output ? ` (${c.output})` : ""}`,
        style: { strokeWidth: 1.5 },
        markerEnd: { type: MarkerType.ArrowClosed },
      })),
    [draft],
  );
  const [nodes, onNodesChange] = useFlowState(derivedNodes, (changes, items) => applyNodeChanges(changes as NodeChange<BuilderFlowNode>[], items));
  const [edges, onEdgesChange] = useFlowState(derivedEdges, (changes, items) => applyEdgeChanges(changes as EdgeChange[], items));

  // A node added or removed re-frames the canvas, so the new node is always in view.
  const count = draft.nodes.length;
  useEffect(() => {
    void flow.fitView({ padding: 0.2, maxZoom: 1 });
  }, [count, flow]);

  const isValidConnection = (c: Connection | Edge) => c.source !== c.target && !(catalog.get(draft.nodes.find((n) => n.id === c.target)?.type ?? "")?.isTrigger ?? false);

  return (
    <div
      className="h-full"
      data-testid="workflow-graph"
      onDragOver={(e: DragEvent) => {
        if (e.dataTransfer.types.includes(PALETTE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={(e: DragEvent) => {
        const type = e.dataTransfer.getData(PALETTE_MIME);
        if (!type) return;
        e.preventDefault();
        onDropType(type, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange as (changes: NodeChange<BuilderFlowNode>[]) => void}
        onEdgesChange={onEdgesChange as (changes: EdgeChange[]) => void}
        onConnect={(c) => {
          if (c.source && c.target) onChange(connect(draft, c.source, c.sourceHandle ?? "main", c.target));
        }}
        isValidConnection={isValidConnection}
        onNodeDragStop={(_, __, dragged) => onChange(moveNodes(draft, new Map(dragged.map((n) => [n.id, n.position]))))}
        onDelete={({ nodes: gone, edges: cut }) => {
          onChange(removeConnections(removeNodes(draft, gone.map((n) => n.id)), cut.map((e) => e.id)));
          if (gone.some((n) => n.id === selectedId)) onSelect(null);
        }}
        onPaneClick={() => onSelect(null)}
        deleteKeyCode={["Backspace", "Delete"]}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.3}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} color="#e5e7eb" />
        <Controls position="bottom-left" showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
