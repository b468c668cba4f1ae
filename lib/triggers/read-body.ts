import { AppError } from "@/lib/api/errors";

function tooLarge(limit: number): AppError {
  return new AppError({ code: "payload_too_large", message: `Body is larger than ${limit} bytes` });
}

// A body stream fails only when the connection does (the client aborted or reset it): that is
// the client's doing, never the database's, and must not be logged as an outage.
function clientClosed(): AppError {
  return new AppError({ code: "client_closed", message: "The client closed the connection before the body was read" });
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch {
    throw clientClosed();
  }
}

// The raw body, read once: signatures are checked on these exact bytes, then they are
// parsed. Read chunk by chunk and abandoned as soon as the limit is passed, so a body
// without Content-Length (chunked) or with a false one cannot make us buffer it whole.
// Used by the webhook route and by every JSON/form API body (lib/api/read-request-body.ts).
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) throw new AppError({ code: "bad_request", message: "Content-Length is not a number" });
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  if (request.signal?.aborted) throw clientClosed();
  if (!request.body) return new Uint8Array(0);

  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = request.body.getReader();
  } catch {
    // Locked or already read: a programming error, not the client's.
    throw new Error("The request body was already read");
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await readChunk(reader);
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
