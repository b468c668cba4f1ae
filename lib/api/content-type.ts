import { parse } from "content-type";
import { AppError } from "./errors";

export type ParsedContentType = { mediaType: string; charset: string | undefined; parameters: Record<string, string> };

// Strict RFC 7231 parsing by the `content-type` package (the one Express uses): `;;;`,
// `application/json; charset`, an unterminated quoted value, `a, b` are all malformed → 415.
// An absent or empty header is "no content type", which each caller decides about.
export function parseContentType(header: string | null): ParsedContentType | undefined {
  if (header === null || header.trim() === "") return undefined;
  try {
    const { type, parameters } = parse(header);
    return { mediaType: type, charset: parameters.charset?.toLowerCase(), parameters };
  } catch {
    throw new AppError({ code: "unsupported_media_type", message: `Content-Type "${header.slice(0, 100)}" is malformed` });
  }
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === "application/json" || mediaType.endsWith("+json");
}
