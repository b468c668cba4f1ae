// A response that carries a secret (an API key, a webhook secret, a session cookie): never stored
// by the browser's or any proxy's cache, so it is not there to read later (shared computer,
// back button, a misconfigured CDN). Every route that hands out a secret answers through this.
export function secretJson(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("cache-control", "no-store");
  return Response.json(body, { ...init, headers });
}
