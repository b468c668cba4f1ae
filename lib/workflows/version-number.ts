import { z } from "zod";
import { AppError } from "@/lib/api/errors";

const versionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

// A version in a URL: anything but a positive integer cannot exist, so it is a 404 like a bad id.
export function parseVersionNumber(value: string | undefined): number {
  const parsed = versionNumber.safeParse(value);
  if (!parsed.success) throw new AppError({ code: "not_found", message: "Version not found" });
  return parsed.data;
}
