import type { TruncatedData } from "./types";

// Truncation is about storage only: the engine keeps handing the real value to downstream nodes and
// `$node()`, and only the copy in NodeResult (which the caller persists and publishes) is replaced.

const PREVIEW_CHARS = 1000;

/**
 * Returns `data` itself when its JSON fits in `maxBytes`, else a marker with the full size in
 * UTF-8 bytes. Throws when `data` cannot be JSON (a cycle, a BigInt): it could not be stored either.
 */
export function storeOutput(data: unknown, maxBytes: number): unknown {
  if (data === undefined) return data;
  const json = JSON.stringify(data) as string | undefined;
  // A UTF-8 byte is at least one UTF-16 unit and at most three, so most outputs need no byte count.
  if (json === undefined || json.length * 3 <= maxBytes) return data;
  const size = utf8Length(json);
  if (size <= maxBytes) return data;
  const marker: TruncatedData = { truncated: true, size, preview: json.slice(0, PREVIEW_CHARS) };
  return marker;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
