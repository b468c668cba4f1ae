import { Prisma } from "@/lib/generated/prisma/client";

// Node data is whatever user workflows produce. Round-tripping through JSON turns
// Dates into strings and drops functions/undefined, so what is stored is exactly
// what the API later returns. undefined → SQL NULL, null → JSON null.
export function toJsonColumn(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull | typeof Prisma.JsonNull {
  if (value === undefined) return Prisma.DbNull;
  if (value === null) return Prisma.JsonNull;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // Circular structures or BigInt: keep a visible marker instead of losing the run.
    return { $unserializable: error instanceof Error ? error.message : String(error) };
  }
  if (text === undefined) return Prisma.DbNull;
  return JSON.parse(text) as Prisma.InputJsonValue;
}

// For required Json columns: a missing value is stored as JSON null.
export function toJsonValue(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  const column = toJsonColumn(value);
  return column === Prisma.DbNull ? Prisma.JsonNull : (column as Prisma.InputJsonValue | typeof Prisma.JsonNull);
}

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
