import { AppError } from "@/lib/api/errors";

function tooLarge(limit: number): AppError {
  return new AppError({ code: "payload_too_large", message: `Body is larger than ${limit} bytes` });
}

// The raw body, read once: signatures are checked on these exact bytes, then they are
// parsed. Read chunk by chunk and abandoned as soon as the limit is passed, so a body
// without Content-Length (chunked) or with a false one cannot make us buffer it whole.
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) throw new AppError({ code: "bad_request", message: "Content-Length is not a number" });
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading: the rest of the upload is never pulled into memory.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
