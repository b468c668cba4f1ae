import { AppError } from "./errors";

// PostgreSQL text and jsonb cannot hold U+0000, so a NUL in input would fail the write with
// a 22021 (a 500) or, where storage replaces it, silently change the data. Decided once:
// input containing NUL is refused with a 400 that names where it was.
const NUL = "\u0000";

/** The dotted path of the first string (or key) holding a NUL, or undefined. */
export function findNul(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return value.includes(NUL) ? path || "(root)" : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return here;
    const found = findNul(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function assertNoNul(value: unknown, what: string): void {
  const at = findNul(value);
  if (at === undefined) return;
  const where = at === "(root)" ? what : `${what} field "${at.replace(/\u0000/g, "\\u0000").slice(0, 200)}"`;
  throw new AppError({ code: "bad_request", message: `${where} contains a NUL character (\\u0000), which cannot be stored`, details: { field: at.replace(/\u0000/g, "\\u0000") } });
}
