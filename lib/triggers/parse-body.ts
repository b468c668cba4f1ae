import { AppError } from "@/lib/api/errors";
import { isJsonMediaType, parseContentType } from "@/lib/api/content-type";
import { assertJsonWithinLimits, type JsonLimits } from "./json-guard";

export type BodyLimits = JsonLimits & { maxFileBytes: number };

function decoderFor(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder(charset ?? "utf-8", { fatal: true });
  } catch {
    // TextDecoder throws RangeError for a label it does not know: the sender's mistake.
    throw new AppError({ code: "unsupported_media_type", message: `Unsupported charset "${charset}"` });
  }
}

function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const decoder = decoderFor(charset);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new AppError({ code: "bad_request", message: `Body is not valid ${decoder.encoding.toUpperCase()}` });
  }
}

function tooManyFields(max: number): AppError {
  return new AppError({ code: "payload_too_large", message: `Body has more than ${max} fields` });
}

// Repeated names become arrays, as most frameworks read them.
function collect<V>(entries: Iterable<[string, V]>, maxKeys: number): Record<string, V | V[]> {
  const out: Record<string, V | V[]> = Object.create(null) as Record<string, V | V[]>;
  let count = 0;
  for (const [key, value] of entries) {
    if (++count > maxKeys) throw tooManyFields(maxKeys);
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  // A plain prototype again so the value serializes and compares like any other object.
  return { ...out };
}

function parseJson(bytes: Uint8Array, charset: string | undefined, limits: BodyLimits): unknown {
  const text = decodeText(bytes, charset);
  assertJsonWithinLimits(text, limits);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError({ code: "bad_request", message: `Body is not valid JSON: ${(error as Error).message}` });
  }
}

async function parseMultipart(bytes: Uint8Array, header: string, limits: BodyLimits): Promise<unknown> {
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": header } }).formData();
  } catch (error) {
    throw new AppError({ code: "bad_request", message: `Body is not valid multipart/form-data: ${(error as Error).message}` });
  }
  const entries: [string, unknown][] = [];
  for (const [key, value] of form.entries()) {
    if (entries.length >= limits.maxKeys) throw tooManyFields(limits.maxKeys);
    if (typeof value === "string") {
      entries.push([key, value]);
      continue;
    }
    const file: Record<string, unknown> = { name: value.name, type: value.type, size: value.size };
    // Small files travel with the run; big ones are described only, so one upload cannot
    // blow up the stored trigger data.
    if (value.size <= limits.maxFileBytes) file.content = Buffer.from(await value.arrayBuffer()).toString("base64");
    else file.contentOmitted = true;
    entries.push([key, file]);
  }
  return collect(entries, limits.maxKeys);
}

// The body as the workflow sees it, by content type. A body that does not parse as
// what it claims to be is the sender's error (4xx), never a crash or a row.
// A malformed Content-Type is refused (415) even without a body: the header is wrong either way.
export async function parseBody(bytes: Uint8Array, contentTypeHeader: string | null, limits: BodyLimits): Promise<unknown> {
  const type = parseContentType(contentTypeHeader);
  if (bytes.byteLength === 0) return null;
  const mediaType = type?.mediaType ?? "";
  const charset = type?.charset;

  if (isJsonMediaType(mediaType)) return parseJson(bytes, charset, limits);
  if (mediaType === "application/x-www-form-urlencoded") {
    return collect(new URLSearchParams(decodeText(bytes, charset)).entries(), limits.maxKeys);
  }
  if (mediaType === "multipart/form-data") return parseMultipart(bytes, contentTypeHeader ?? "", limits);
  if (mediaType.startsWith("text/")) return decodeText(bytes, charset);
  // No content type at all: text when it is UTF-8, else kept like any other binary body.
  if (mediaType === "") {
    const text = tryDecodeUtf8(bytes);
    if (text !== undefined) return text;
  }
  return { encoding: "base64", contentType: mediaType || null, size: bytes.byteLength, data: Buffer.from(bytes).toString("base64") };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function tryDecodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    // Not text: the caller keeps it as base64 instead.
    return undefined;
  }
}
