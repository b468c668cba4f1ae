import type { SentResponse, TriggerRequest } from "@/components/data/api-types";

// Headers curl sets itself, or that describe one hop (or the proxies on the way), not the request.
const SKIPPED_HEADERS = new Set([
  "host", "content-length", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
  "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "accept-encoding",
  "forwarded", "via", "x-real-ip",
]);
const isSkipped = (name: string) => SKIPPED_HEADERS.has(name) || name.startsWith("x-forwarded-");
// What the trigger recorder writes in place of a secret.
const REDACTED = "[redacted]";

export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, typeof item === "string" ? item : JSON.stringify(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

type Base64Body = { encoding: "base64"; data: string };
function isBase64Body(body: unknown): body is Base64Body {
  return typeof body === "object" && body !== null && (body as Base64Body).encoding === "base64" && typeof (body as Base64Body).data === "string";
}

function bodyText(body: unknown, contentType: string): string | null {
  if (body === null || body === undefined || body === "") return null;
  if (typeof body === "string") return body;
  if (contentType.includes("application/x-www-form-urlencoded") && typeof body === "object") return queryString(body as Record<string, unknown>).slice(1);
  return JSON.stringify(body);
}

const EXPECTED_BODY_CHARS = 120;

// What the sender got, as trailing shell comments: "# expected: HTTP 422" and the body's first line.
export function expectedComment(sent: SentResponse): string {
  const firstLine = sent.body.split(/\r?\n/, 1)[0] ?? "";
  const shown = firstLine.length > EXPECTED_BODY_CHARS ? `${firstLine.slice(0, EXPECTED_BODY_CHARS)}…` : firstLine;
  const more = sent.bodyTruncated || shown !== sent.body ? ` (${sent.bodyBytes} bytes)` : "";
  return `# expected: HTTP ${sent.status}${shown ? `\n# ${shown}${more}` : ""}`;
}

// The recorded request as a curl command against this server's webhook URL. Secret
// headers were redacted when the request was saved, so they are left out. With the answer
// the sender got, it ends with that answer as a comment.
export function buildCurl(trigger: TriggerRequest, origin: string, expected?: SentResponse | null): string {
  const command = curlCommand(trigger, origin);
  return expected ? `${command}\n${expectedComment(expected)}` : command;
}

function curlCommand(trigger: TriggerRequest, origin: string): string {
  const path = trigger.path.replace(/^\/+/, "");
  const url = `${origin}/api/webhooks/${path}${queryString(trigger.query ?? {})}`;
  const headers = Object.entries(trigger.headers ?? {}).filter(([name, value]) => !isSkipped(name.toLowerCase()) && !String(value).includes(REDACTED));
  const contentType = String(headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "");
  const isMultipart = contentType.includes("multipart/form-data");
  const lines = [`curl -X ${trigger.method} ${shellQuote(url)}`];
  for (const [name, value] of headers) {
    // curl writes its own multipart boundary; the recorded one would not match.
    if (isMultipart && name.toLowerCase() === "content-type") continue;
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (isBase64Body(trigger.body)) {
    return `printf %s ${shellQuote(trigger.body.data)} | base64 -d | \\\n  ${[...lines, "--data-binary @-"].join(" \\\n  ")}`;
  }
  if (isMultipart && typeof trigger.body === "object" && trigger.body !== null) {
    for (const [name, value] of Object.entries(trigger.body)) {
      // Files were stored as {name, type, size}; only plain fields can be replayed.
      if (typeof value === "string") lines.push(`-F ${shellQuote(`${name}=${value}`)}`);
    }
  } else {
    const text = bodyText(trigger.body, contentType);
    if (text !== null) lines.push(`--data-raw ${shellQuote(text)}`);
  }
  return lines.join(" \\\n  ");
}
