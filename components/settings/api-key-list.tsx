"use client";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ApiKey } from "./use-api-keys";

// A table on laptops; on phones each row stacks (the header is visually hidden).
export function ApiKeyList({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">API keys</caption>
      <thead className="hidden border-b border-gray-200 text-xs text-gray-500 sm:table-header-group">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">Name</th>
          <th scope="col" className="py-2 pr-3 font-medium">Key</th>
          <th scope="col" className="py-2 pr-3 font-medium">Created</th>
          <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
          <th scope="col" className="py-2 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {keys.map((key) => (
          <tr key={key.id} data-api-key-id={key.id} className="grid grid-cols-2 gap-x-3 gap-y-1 py-3 sm:table-row sm:py-0">
            <td className="col-span-2 font-medium text-gray-900 sm:py-2.5 sm:pr-3">
              {key.name}
              {key.revokedAt ? <span className="ml-2 rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-600">Revoked</span> : null}
            </td>
            <td className="font-mono text-xs text-gray-700 sm:py-2.5 sm:pr-3">{key.prefix}…</td>
            <td className="text-xs text-gray-600 sm:py-2.5 sm:pr-3 sm:text-sm">
              <span className="sm:hidden">Created </span>
              <RelativeTime iso={key.createdAt} />
            </td>
            <td className="text-xs text-gray-600 sm:py-2.5 sm:pr-3 sm:text-sm">
              <span className="sm:hidden">Last used </span>
              {key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : "Never"}
            </td>
            <td className="text-right sm:py-2.5">
              {key.revokedAt ? (
                <span className="text-xs text-gray-500">
                  Revoked <RelativeTime iso={key.revokedAt} />
                </span>
              ) : (
                <button
                  type="button"
                  onClick={() => onRevoke(key)}
                  aria-label={`Revoke ${key.name}`}
                  className="rounded-md border border-red-300 bg-white px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
