// Where to go after signing in: only a path on this site. Browsers resolve a redirect target with
// the URL parser, which drops tabs and newlines and reads "\" as "/", so "/\t/evil.example" is
// "//evil.example" to them. Prefix checks on the raw text miss that; resolving it the same way
// and comparing origins does not. What is returned is the re-serialised path, never the input.
const FALLBACK = "/executions";
// Any origin works for the comparison; the real one is not needed for a relative target.
const APP_ORIGIN = "http://hookflow.invalid";

export function safeNextPath(value: string | string[] | undefined, origin: string = APP_ORIGIN): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next) return FALLBACK;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== new URL(origin).origin) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (/^\/(sign-in|sign-up|api)(\/|$|\?|#)/.test(path)) return FALLBACK;
  return path;
}
