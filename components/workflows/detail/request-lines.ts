// Headers and query parameters edited as lines ("Name: value", "name=value") rather than JSON,
// so a test request can be changed without writing JSON.

// Set by the client or the connection, not by whoever sends the webhook: not worth replaying.
const TRANSPORT_HEADERS = new Set(["host", "content-length", "connection", "accept-encoding", "transfer-encoding", "x-hookflow-test"]);

export function recordToLines(record: Record<string, unknown>, separator: ": " | "="): string {
  return Object.entries(record)
    .filter(([name]) => separator === "=" || !TRANSPORT_HEADERS.has(name.toLowerCase()))
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}${separator}${String(v)}`))
    .join("\n");
}

/** Blank lines are skipped; a line without the separator is a name with an empty value. */
export function linesToRecord(text: string, separator: ":" | "="): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf(separator);
    const name = (at === -1 ? line : line.slice(0, at)).trim();
    if (name) out[name] = at === -1 ? "" : line.slice(at + 1).trim();
  }
  return out;
}
