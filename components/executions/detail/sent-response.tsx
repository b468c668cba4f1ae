import type { ExecutionDetail, SentResponse as Sent } from "@/components/data/api-types";
import { JsonView } from "@/components/ui/json-view";
import { formatBytes, formatDuration } from "@/components/ui/format";
import { httpStatusTone } from "@/components/ui/http-status";
import { HeaderTable } from "./trigger-request";

// Why a run has no recorded answer, truthfully: only webhook runs answer a sender, a running
// run may not have answered yet, and a run resumed by another process was accepted by one
// that stopped before its answer was saved.
function missingAnswer(execution: ExecutionDetail): string {
  if (execution.mode !== "WEBHOOK") return execution.mode === "MANUAL" ? "A test run: no webhook sender was answered." : "A re-run: no webhook sender was answered.";
  if (execution.attempt > 1) return "No answer recorded: the process that accepted this request stopped before its answer was saved; another process resumed the run.";
  if (execution.status === "RUNNING" || execution.status === "WAITING") return "Not answered yet: the sender is waiting for the run to finish.";
  return "No answer recorded for this run.";
}

function parsedJson(sent: Sent): { ok: true; value: unknown } | { ok: false } {
  const type = Object.entries(sent.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  if (sent.bodyTruncated || !/json/i.test(type)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(sent.body) as unknown };
  } catch {
    return { ok: false };
  }
}

export function SentResponse({ execution }: { execution: ExecutionDetail }) {
  const sent = execution.sentResponse;
  const json = sent ? parsedJson(sent) : { ok: false as const };
  return (
    <section aria-labelledby="response-heading" data-testid="sent-response" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <h2 id="response-heading" className="text-base font-semibold text-gray-900">
        Response
      </h2>
      {!sent ? (
        <p className="mt-2 text-sm text-gray-600">{missingAnswer(execution)}</p>
      ) : (
        <div className="mt-3 space-y-4">
          <p className="text-sm text-gray-700">
            <span className={`font-mono text-base font-semibold ${httpStatusTone(sent.status)}`} data-http-status={sent.status}>
              HTTP {sent.status}
            </span>{" "}
            · answered {formatDuration(sent.ms)} after the request arrived
          </p>
          {execution.payloadPrunedAt ? (
            <p className="text-sm text-gray-500">Headers and body were dropped by retention; the status and time are kept.</p>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              <div className="min-w-0">
                <h3 className="mb-1 text-sm font-medium text-gray-800">Headers</h3>
                <HeaderTable headers={sent.headers} caption="Response headers" />
              </div>
              <div className="min-w-0">
                <h3 className="mb-1 text-sm font-medium text-gray-800">
                  Body <span className="font-normal text-gray-500">· {formatBytes(sent.bodyBytes)}</span>
                </h3>
                {sent.bodyTruncated ? (
                  <p className="mb-1 text-xs text-amber-800">First {formatBytes(new TextEncoder().encode(sent.body).byteLength)} of {formatBytes(sent.bodyBytes)} shown: the rest was not stored.</p>
                ) : null}
                {sent.bodyBytes === 0 ? (
                  <p className="text-sm text-gray-500">Empty body.</p>
                ) : json.ok ? (
                  <JsonView label="Response body" value={json.value} />
                ) : (
                  <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md border border-gray-200 bg-gray-50 p-2 font-mono text-xs text-gray-900">{sent.body}</pre>
                )}
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
