import { EXECUTION_STATUS_INFO, NODE_STATUS_INFO, type ExecutionStatus, type NodeStatus } from "@/lib/executions/status";

type Tone = (typeof EXECUTION_STATUS_INFO)[ExecutionStatus]["tone"];

const TONE_CLASSES: Record<Tone, { badge: string; dot: string }> = {
  blue: { badge: "bg-blue-50 text-blue-700 ring-blue-600/20", dot: "bg-blue-500 animate-pulse" },
  green: { badge: "bg-green-50 text-green-700 ring-green-600/20", dot: "bg-green-500" },
  red: { badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  amber: { badge: "bg-amber-50 text-amber-800 ring-amber-600/20", dot: "bg-amber-500" },
  gray: { badge: "bg-gray-100 text-gray-700 ring-gray-500/20", dot: "bg-gray-400" },
};

function Badge({ label, tone }: { label: string; tone: Tone }) {
  const classes = TONE_CLASSES[tone];
  return (
    <span className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${classes.badge}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${classes.dot}`} />
      {label}
    </span>
  );
}

export function ExecutionStatusBadge({ status }: { status: ExecutionStatus }) {
  const info = EXECUTION_STATUS_INFO[status];
  return <Badge label={info.label} tone={info.tone} />;
}

export function NodeStatusBadge({ status }: { status: NodeStatus }) {
  const info = NODE_STATUS_INFO[status];
  return <Badge label={info.label} tone={info.tone} />;
}
