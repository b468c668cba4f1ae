import type { TriggerRequest as Trigger } from "@/components/data/api-types";
import { JsonView } from "@/components/ui/json-view";
import { formatTriggerLabel } from "@/components/ui/format";

export function TriggerRequest({ trigger }: { trigger: Trigger | null }) {
  return (
    <section aria-labelledby="trigger-heading" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <h2 id="trigger-heading" className="text-base font-semibold text-gray-900">
        Trigger request
      </h2>
      {!trigger ? (
        <p className="mt-2 text-sm text-gray-600">This run has no recorded request.</p>
      ) : (
        <div className="mt-3 space-y-4">
          <p className="break-all font-mono text-sm">
            <span className="sr-only">Request: </span>
            {formatTriggerLabel(trigger.method, trigger.path)}
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="min-w-0">
              <h3 className="mb-1 text-sm font-medium text-gray-800">Query</h3>
              {Object.keys(trigger.query ?? {}).length ? <JsonView label="Query" value={trigger.query} /> : <p className="text-sm text-gray-500">No query parameters.</p>}
            </div>
            <div className="min-w-0">
              <h3 className="mb-1 text-sm font-medium text-gray-800">Headers</h3>
              <HeaderTable headers={trigger.headers ?? {}} />
            </div>
          </div>
          <div className="min-w-0">
            <h3 className="mb-1 text-sm font-medium text-gray-800">Body</h3>
            {trigger.body === null || trigger.body === undefined || trigger.body === "" ? (
              <p className="text-sm text-gray-500">Empty body.</p>
            ) : (
              <JsonView label="Body" value={trigger.body} />
            )}
          </div>
        </div>
      )}
    </section>
  );
}

export function HeaderTable({ headers, caption = "Request headers" }: { headers: Record<string, string>; caption?: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="text-sm text-gray-500">No headers.</p>;
  return (
    <div className="max-h-72 overflow-auto rounded-md border border-gray-200">
      <table className="min-w-full text-xs">
        <caption className="sr-only">{caption}</caption>
        <tbody className="divide-y divide-gray-100 font-mono">
          {entries.map(([name, value]) => (
            <tr key={name}>
              <th scope="row" className="whitespace-nowrap bg-gray-50 px-2 py-1 text-left font-medium text-gray-700">
                {name}
              </th>
              <td className="break-all px-2 py-1 text-gray-900">{String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
