import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { NetworkPolicyError, systemResolver, vetTarget, type Resolver, type VettedTarget } from "./vet-target";

// Outbound HTTP for workflow nodes. Every hop (the first request and each redirect) is vetted by
// vetTarget and then connected to the exact vetted IP; Host and TLS SNI still carry the hostname.

/** Opens one request; tests inject one that records or refuses connections. */
export type Transport = (url: URL, options: RequestOptions) => ClientRequest;

export const defaultTransport: Transport = (url, options) =>
  url.protocol === "https:" ? https.request(options) : http.request(options);

export type HttpClientOptions = {
  /** Server setting: allow loopback, private, link-local and similar destinations. Default false. */
  allowPrivateNetwork?: boolean;
  resolver?: Resolver;
  transport?: Transport;
  /** Redirects followed before failing; default 5. */
  maxRedirects?: number;
};

export type HttpRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  maxResponseBytes: number;
};

export type HttpResponse = { status: number; statusText: string; headers: Record<string, string>; body: Buffer; url: string };

export class HttpTimeoutError extends Error {
  override name = "TimeoutError";
}

export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

export async function sendHttpRequest(request: HttpRequest, options: HttpClientOptions, signal: AbortSignal): Promise<HttpResponse> {
  const policy = { allowPrivateNetwork: options.allowPrivateNetwork === true };
  const resolver = options.resolver ?? systemResolver;
  const transport = options.transport ?? defaultTransport;
  const maxRedirects = options.maxRedirects ?? 5;

  // One signal for the caller's abort and the overall deadline (which spans all redirects).
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new HttpTimeoutError(`request timed out after ${request.timeoutMs} ms`)),
    request.timeoutMs,
  );
  const combined = controller.signal;

  try {
    let hop: HttpRequest = request;
    for (let redirects = 0; ; redirects++) {
      const target = await abortable(vetHop(hop.url, redirects, policy, resolver), combined);
      const response = await abortable(open(target, hop, transport, combined), combined);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location !== undefined) {
        response.resume();
        if (redirects >= maxRedirects) throw new Error(`too many redirects (more than ${maxRedirects})`);
        hop = nextHop(hop, target.url, status, location);
        continue;
      }
      const body = hop.method === "HEAD" ? Buffer.alloc(0) : await readBody(response, request.maxResponseBytes, combined);
      return { status, statusText: response.statusMessage ?? "", headers: flattenHeaders(response.headers), body, url: target.url.href };
    }
  } catch (error) {
    // Node reports an aborted socket as a generic AbortError; the reason says what happened.
    if (combined.aborted && !(error instanceof ResponseTooLargeError)) throw abortError(combined.reason);
    throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

async function vetHop(url: string, redirects: number, policy: { allowPrivateNetwork: boolean }, resolver: Resolver) {
  try {
    return await vetTarget(url, policy, resolver);
  } catch (error) {
    if (redirects > 0 && error instanceof NetworkPolicyError) {
      throw new NetworkPolicyError(`redirect ${redirects} to ${url}: ${error.message}`);
    }
    throw error;
  }
}

function open(target: VettedTarget, hop: HttpRequest, transport: Transport, signal: AbortSignal): Promise<IncomingMessage> {
  const { url, address } = target;
  const https = url.protocol === "https:";
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(hop.headers)) {
    if (name.toLowerCase() !== "host") headers[name] = value;
  }
  headers.host = url.host;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "accept-encoding")) headers["accept-encoding"] = "gzip, deflate, br";
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const options: RequestOptions & { servername?: string } = {
    method: hop.method,
    // The pinned address: no second DNS lookup happens, so rebinding cannot change the destination.
    host: address.address,
    family: address.family,
    port: url.port === "" ? (https ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    headers,
    agent: false,
    signal,
    // TLS verifies the certificate against the hostname, not the IP connected to.
    ...(https && isIP(hostname) === 0 ? { servername: hostname } : {}),
  };
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = transport(url, options);
    req.once("response", resolve);
    req.once("error", reject);
    req.end(hop.body);
  });
}

function nextHop(hop: HttpRequest, from: URL, status: number, location: string): HttpRequest {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new Error(`redirect with an invalid Location: ${JSON.stringify(location)}`);
  }
  // As browsers do: 303, and 301/302 after a POST, become a GET without a body.
  const toGet = status === 303 || ((status === 301 || status === 302) && hop.method === "POST");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(hop.headers)) {
    const lower = name.toLowerCase();
    if (toGet && (lower === "content-type" || lower === "content-length")) continue;
    // Credentials meant for one origin are not handed to another.
    if (to.origin !== from.origin && CREDENTIAL_HEADERS.includes(lower)) continue;
    headers[name] = value;
  }
  const next: HttpRequest = { ...hop, url: to.href, headers, method: toGet && hop.method !== "HEAD" ? "GET" : hop.method };
  if (toGet) delete next.body;
  return next;
}

async function readBody(response: IncomingMessage, limit: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    response.destroy();
    throw new ResponseTooLargeError(`response is ${declared} bytes, over the limit of ${limit} bytes (maxResponseBytes)`);
  }
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // The limit applies to decoded bytes, so a small compressed bomb cannot expand past it.
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit) throw new ResponseTooLargeError(`response exceeded the limit of ${limit} bytes (maxResponseBytes)`);
      chunks.push(buffer);
    }
  } catch (error) {
    response.destroy();
    if (stream !== response) stream.destroy();
    if (signal.aborted && !(error instanceof ResponseTooLargeError)) throw abortError(signal.reason);
    throw error;
  }
  return Buffer.concat(chunks);
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return response;
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function flattenHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function abortError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === "string" ? reason : "request aborted", "AbortError");
}
