import { NODE_STATUS_INFO, type ExecutionStatus, EXECUTION_STATUS_INFO } from "@/lib/executions/status";
import type { GraphNodeStatus } from "./graph-layout";

type Tone = (typeof EXECUTION_STATUS_INFO)[ExecutionStatus]["tone"];

// Colours for the graph and the timeline, by the tone lib/executions/status.ts assigns.
export const TONE_STYLES: Record<Tone, { node: string; bar: string; text: string; stroke: string }> = {
  blue: { node: "border-blue-400 bg-blue-50", bar: "bg-blue-500", text: "text-blue-800", stroke: "#2563eb" },
  green: { node: "border-green-500 bg-green-50", bar: "bg-green-500", text: "text-green-800", stroke: "#16a34a" },
  red: { node: "border-red-500 bg-red-50", bar: "bg-red-500", text: "text-red-800", stroke: "#dc2626" },
  amber: { node: "border-amber-500 bg-amber-50", bar: "bg-amber-500", text: "text-amber-900", stroke: "#d97706" },
  gray: { node: "border-gray-300 bg-gray-50", bar: "bg-gray-400", text: "text-gray-700", stroke: "#9ca3af" },
};

const MUTED = { node: "border-dashed border-gray-300 bg-white", bar: "bg-gray-300", text: "text-gray-400", stroke: "#d1d5db" };

// A snapshot node that has no result in this run: not run yet (live) or skipped.
export function graphNodeLook(status: GraphNodeStatus, running: boolean): { label: string; node: string; text: string } {
  if (status === "NOT_RUN") return { label: running ? "Pending" : "Not run", node: MUTED.node, text: MUTED.text };
  if (status === "RUNNING") return { label: "Running", node: `${TONE_STYLES.blue.node} animate-pulse`, text: TONE_STYLES.blue.text };
  const info = NODE_STATUS_INFO[status];
  return { label: info.label, node: TONE_STYLES[info.tone].node, text: TONE_STYLES[info.tone].text };
}

export const TAKEN_EDGE_COLOR = "#2563eb";
export const IDLE_EDGE_COLOR = MUTED.stroke;
