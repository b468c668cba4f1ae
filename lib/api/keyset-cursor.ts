import { AppError } from "./errors";
import { isUuid } from "./ids";

/** A row's place in a newest-first list: its time and id (the tie-breaker). */
export type KeysetPosition = { at: Date; id: string };

// Cursor = the last row's (time, id): keyset pagination stays O(page) at any depth.
export function encodeCursor(p: KeysetPosition): string {
  return Buffer.from(`${p.at.toISOString()}|${p.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): KeysetPosition {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || !isUuid(id) || Number.isNaN(at.getTime())) throw new AppError({ code: "bad_request", message: "cursor is not valid" });
  return { at, id };
}
