import type { ExecutionDetail } from "@/components/data/api-types";
import { NodeRunItem } from "./node-run-item";
import { orderNodeRuns } from "./order-nodes";

export function NodeRunList({ execution }: { execution: ExecutionDetail }) {
  const running = execution.status === "RUNNING";
  const nodes = orderNodeRuns(execution.nodes, execution.executionPath ?? []);
  return (
    <section aria-labelledby="nodes-heading">
      <h2 id="nodes-heading" className="mb-3 text-base font-semibold text-gray-900">
        Nodes <span className="font-normal text-gray-500">({execution.nodes.length})</span>
      </h2>
      {execution.nodes.length === 0 && !running ? <p className="text-sm text-gray-600">No node ran in this execution.</p> : null}
      <ol className="space-y-2">
        {nodes.map((node, index) => (
          <NodeRunItem key={node.id} node={node} position={index + 1} />
        ))}
        {running ? (
          <li className="flex items-center gap-2 rounded-lg border border-dashed border-blue-200 bg-blue-50/50 px-4 py-3 text-sm text-blue-800">
            <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-blue-500" />
            Running — more nodes appear as they finish.
          </li>
        ) : null}
      </ol>
    </section>
  );
}
