import http from "node:http";
import { RAW_PATH_HEADER } from "./request-path";

let installed = false;

// Next builds every request URL with the WHATWG parser, which resolves `..`, `.`, `%2e%2e`
// before the proxy or a route sees it; only Node's IncomingMessage still has the bytes the
// client sent. Copy them into a header on every incoming request (overwriting whatever the
// client put there, so it cannot be forged) so the request guard can refuse dot segments.
// Where no Node http.Server carries the request (a platform's own front end), the header is
// absent and the guard falls back to request.url.
export function installRawPathHeader(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[RAW_PATH_HEADER] = request.url ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
