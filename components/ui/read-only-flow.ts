// React Flow settings shared by every read-only graph (execution and workflow pages):
// nothing draggable or selectable by React Flow itself (nodes are our own buttons), and
// the wheel scrolls the page instead of zooming the graph.
export const READ_ONLY_FLOW_PROPS = {
  nodesDraggable: false,
  nodesConnectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  elementsSelectable: false,
  zoomOnScroll: false,
  preventScrolling: false,
  fitView: true,
  minZoom: 0.2,
} as const;
