import { AppError } from "./errors";

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses an unpaired UTF-16 surrogate
// (`"\ud800"` arrives through JSON escapes): either would fail the write with a 500, or, where
// storage replaces it, silently change the data. Decided once for every input (API bodies,
// webhook bodies and queries): refused with a 400 that names where it was.
function unstorable(text: string): boolean {
  return text.includes("\u0000") || !text.isWellFormed();
}

const shown = (path: string) => path.replace(/\u0000/g, "\\u0000").toWellFormed().slice(0, 200);

/** The dotted path of the first string (or key) that cannot be stored, or undefined. */
export function findUnstorableText(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return unstorable(value) ? path || "(root)" : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], path ? `${path}.${i}` : String(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (unstorable(key)) return here;
    const found = findUnstorableText(child, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function unstorableTextError(where: string, field: string): AppError {
  return new AppError({
    code: "bad_request",
    message: `${where} contains a NUL character (\\u0000) or an unpaired surrogate, which cannot be stored`,
    details: { field },
  });
}

/** Throws a 400 naming the field when any string in `value` cannot be stored. */
export function assertStorableText(value: unknown, what: string): void {
  const at = findUnstorableText(value);
  if (at === undefined) return;
  throw unstorableTextError(at === "(root)" ? what : `${what} field "${shown(at)}"`, at === "(root)" ? what : shown(at));
}

export function isStorableText(text: string): boolean {
  return !unstorable(text);
}
