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
