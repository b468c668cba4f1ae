import { apiEnv } from "@/lib/env";
import { assertJsonWithinLimits } from "@/lib/triggers/json-guard";
import { readBodyLimited } from "@/lib/triggers/read-body";
import { isJsonMediaType, parseContentType } from "./content-type";
import { AppError } from "./errors";
import { assertStorableText } from "./storable-text";

// Types a JSON API body may be sent as: JSON itself, or no type / the defaults of `curl -d`
// (form-urlencoded) and `fetch(url, { body: string })` (text/plain), which the README's
// examples rely on. Anything else (multipart, XML, …) is a 415, as is a malformed header.
function assertJsonish(request: Request): void {
  const type = parseContentType(request.headers.get("content-type"));
  if (!type) return;
  const { mediaType, charset } = type;
  if (!isJsonMediaType(mediaType) && mediaType !== "text/plain" && mediaType !== "application/x-www-form-urlencoded") {
    throw new AppError({ code: "unsupported_media_type", message: `Send JSON (Content-Type: application/json), not ${mediaType}` });
  }
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new AppError({ code: "unsupported_media_type", message: `JSON bodies are UTF-8, not "${charset.slice(0, 40)}"` });
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

async function readText(request: Request): Promise<string> {
  const bytes = await readBodyLimited(request, apiEnv().HOOKFLOW_API_MAX_BODY_BYTES);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError({ code: "bad_request", message: "Body is not valid UTF-8" });
  }
}

/**
 * Every JSON body of the REST API goes through here: strict Content-Type, a size limit while
 * reading, depth and key limits before JSON.parse (which recurses and would overflow the stack
 * on deep input), and no NUL or unpaired surrogate anywhere (PostgreSQL cannot store them). An empty body is `{}`.
 */
export async function readJson(request: Request): Promise<unknown> {
  assertJsonish(request);
  const text = await readText(request);
  if (text.trim() === "") return {};
  const env = apiEnv();
  assertJsonWithinLimits(text, { maxDepth: env.HOOKFLOW_API_MAX_JSON_DEPTH, maxKeys: env.HOOKFLOW_API_MAX_JSON_KEYS });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError({ code: "bad_request", message: "Request body is not valid JSON" });
  }
  assertStorableText(value, "body");
  return value;
}

/** A form-encoded body (pusher-js channel authorization), with the same size limit. */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = parseContentType(request.headers.get("content-type"));
  // text/plain: what fetch() labels a string body with; the text is read as a form all the same.
  if (type && type.mediaType !== "application/x-www-form-urlencoded" && type.mediaType !== "text/plain") {
    throw new AppError({ code: "unsupported_media_type", message: `Send application/x-www-form-urlencoded, not ${type.mediaType}` });
  }
  return new URLSearchParams(await readText(request));
}
