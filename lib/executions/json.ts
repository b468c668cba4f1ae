// For raw SQL: one JSON text for a whole row set. Values JSON cannot hold (circular
// structures, BigInt) become visible markers, never a lost run; NUL characters, which
// PostgreSQL's jsonb refuses, become U+FFFD.
export function serializeJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch (error) {
    text = JSON.stringify(value, safeReplacer(error instanceof Error ? error.message : String(error)));
  }
  return text.includes("u0000") ? text.replace(/(\\+)u0000/g, replaceNulEscape) : text;
}

// "\u0000" in JSON text is a NUL only when the backslashes before "u" are odd in number.
function replaceNulEscape(match: string, slashes: string): string {
  return slashes.length % 2 === 1 ? `${slashes.slice(0, -1)}\\ufffd` : match;
}

function safeReplacer(reason: string) {
  const ancestors: object[] = [];
  return function (this: object, _key: string, value: unknown) {
    if (typeof value === "bigint") return value.toString();
    if (typeof value !== "object" || value === null) return value;
    // `this` is the object holding `value`: drop ancestors that are not on the current path.
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(value)) return { $unserializable: reason };
    ancestors.push(value);
    return value;
  };
}
