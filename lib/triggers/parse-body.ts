import { AppError } from "@/lib/api/errors";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError({ code: "bad_request", message: "Body is not valid UTF-8" });
  }
}

// The body as the workflow sees it, by content type. A body that does not parse
// as what it claims to be is the sender's error (400), never a crash or a row.
export async function parseBody(bytes: Uint8Array, contentTypeHeader: string | null): Promise<unknown> {
  if (bytes.byteLength === 0) return null;
  const contentType = (contentTypeHeader ?? "").split(";")[0]!.trim().toLowerCase();

  if (contentType === "application/json" || contentType.endsWith("+json")) {
    const text = decodeText(bytes);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new AppError({ code: "bad_request", message: `Body is not valid JSON: ${(error as Error).message}` });
    }
  }
  if (contentType === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(decodeText(bytes));
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      out[key] = values.length === 1 ? (values[0] as string) : values;
    }
    return out;
  }
  if (contentType === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentTypeHeader ?? "" } }).formData();
    } catch (error) {
      throw new AppError({ code: "bad_request", message: `Body is not valid multipart/form-data: ${(error as Error).message}` });
    }
    const out: Record<string, unknown> = {};
    form.forEach((value, key) => {
      out[key] = typeof value === "string" ? value : { name: value.name, type: value.type, size: value.size };
    });
    return out;
  }
  if (contentType.startsWith("text/") || contentType === "") {
    return decodeText(bytes);
  }
  return { encoding: "base64", contentType, data: Buffer.from(bytes).toString("base64") };
}
