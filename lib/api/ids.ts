import { AppError } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids are UUID columns: anything else cannot exist, so it is a 404, not a database error.
export function parseId(id: string | undefined, what: string): string {
  if (!id || !UUID.test(id)) throw new AppError({ code: "not_found", message: `${what} not found` });
  return id.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
