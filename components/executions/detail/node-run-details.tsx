import type { NodeAttempt, NodeRun } from "@/components/data/api-types";
import { formatDuration, formatTimeOfDay } from "@/components/ui/format";
import { visibleStack } from "./visible-stack";

export function NodeCancelled() {
  return (
    <p role="note" className="rounded-md border border-gray-200 bg-gray-50 p-3 text-sm text-gray-700">
      Cancelled: the run was stopped while this node ran, so it did not finish.
    </p>
  );
}

export function NodeError({ error }: { error: NonNullable<NodeRun["error"]> }) {
  const stack = visibleStack(error.stack);
  return (
    <div className="rounded-md border border-red-200 bg-red-50 p-3">
      <h3 className="text-sm font-medium text-red-800">Error</h3>
      <p className="mt-1 break-words text-sm text-red-800">
        <span className="font-semibold">{error.name ?? "Error"}</span>: {error.message ?? "(no message)"}
      </p>
      {stack ? (
        <pre aria-label="Stack trace" tabIndex={0} className="mt-2 max-h-48 overflow-auto whitespace-pre rounded bg-white/70 p-2 font-mono text-xs text-red-900">
          {stack}
        </pre>
      ) : null}
    </div>
  );
}

export function NodeAttempts({ attempts }: { attempts: NodeAttempt[] }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-medium text-gray-800">Attempts ({attempts.length})</h3>
      <div className="overflow-x-auto rounded-md border border-gray-200">
        <table className="min-w-full text-xs">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">Try</th>
              <th scope="col" className="px-2 py-1 font-medium">Started</th>
              <th scope="col" className="px-2 py-1 font-medium">Duration</th>
              <th scope="col" className="px-2 py-1 font-medium">Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {attempts.map((a, i) => (
              <tr key={i}>
                <td className="px-2 py-1 tabular-nums">{i + 1}</td>
                <td className="px-2 py-1 font-mono">{formatTimeOfDay(a.startedAt)}</td>
                <td className="px-2 py-1 tabular-nums">{formatDuration(a.durationMs)}</td>
                <td className={`px-2 py-1 ${a.error ? "text-red-700" : "text-green-700"}`}>{a.error ? `${a.error.name ?? "Error"}: ${a.error.message ?? ""}` : "Succeeded"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function NodeLogs({ logs }: { logs: string[] }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-medium text-gray-800">Logs ({logs.length})</h3>
      <pre aria-label="Logs" tabIndex={0} className="max-h-48 overflow-auto rounded-md bg-gray-950 p-2 font-mono text-xs leading-5 text-gray-100">
        {logs.join("\n")}
      </pre>
    </div>
  );
}
