import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { ChannelRegistry } from "./channel-registry";
import { isValidChannelName, LIMITS, SOCKET_ID } from "./protocol";
import { verifySignedRequest } from "./verify-request";

export type HttpEventsContext = {
  appId: string;
  key: string;
  secret: string;
  registry: ChannelRegistry;
  onEventsAccepted(count: number): void;
  log(msg: string): void;
};

type OutgoingEvent = { name: string; data: string; channels: string[]; socketId?: string };
type Parsed = { ok: true; events: OutgoingEvent[] } | { ok: false; status: 400 | 413; message: string };

const eventFields = {
  name: z.string().min(1),
  // Pusher relays `data` verbatim; the SDKs JSON-encode objects before sending.
  data: z.string(),
  socket_id: z.string().regex(SOCKET_ID).optional(),
  info: z.string().optional(),
};
const eventsBody = z.object({
  ...eventFields,
  channel: z.string().optional(),
  channels: z.array(z.string()).optional(),
});
const batchBody = z.object({ batch: z.array(z.object({ ...eventFields, channel: z.string() })) });

const EVENTS_PATH = /^\/apps\/([^/]+)\/(events|batch_events)$/;

/** Health check plus Pusher's publish API (`/events`, `/batch_events`). */
export function createHttpHandler(ctx: HttpEventsContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(ctx, req, res).catch((err: unknown) => {
      ctx.log(`HTTP ${req.method} ${req.url} failed: ${err instanceof Error ? err.stack : String(err)}`);
      if (res.headersSent) res.destroy();
      else reply(res, 500, "Internal error in the embedded Pusher server");
    });
  };
}

async function handle(ctx: HttpEventsContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://embedded-pusher");
  if (url.pathname === "/" || url.pathname === "/health") {
    reply(res, req.method === "GET" || req.method === "HEAD" ? 200 : 405, "ok");
    return;
  }
  const match = EVENTS_PATH.exec(url.pathname);
  if (!match) return reply(res, 404, "Not found");
  if (req.method !== "POST") return reply(res, 405, "Method not allowed");
  if (match[1] !== ctx.appId) return reply(res, 404, `Unknown app id ${match[1]}`);

  const rawBody = await readBody(req, LIMITS.maxRequestBodyBytes);
  if (!rawBody) return reply(res, 413, `Request body over ${LIMITS.maxRequestBodyBytes} bytes`);

  const verdict = verifySignedRequest({ method: "POST", path: url.pathname, query: url.searchParams, rawBody }, ctx);
  if (!verdict.ok) {
    ctx.log(`rejected ${url.pathname}: ${verdict.message}`);
    return reply(res, 401, verdict.message);
  }

  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return reply(res, 400, "Request body is not valid JSON");
  }

  const parsed = match[2] === "events" ? parseEvents(body) : parseBatch(body);
  if (!parsed.ok) return reply(res, parsed.status, parsed.message);

  for (const event of parsed.events) {
    for (const channel of event.channels) ctx.registry.publish(channel, event.name, event.data, event.socketId);
  }
  ctx.onEventsAccepted(parsed.events.length);
  res.writeHead(200, { "content-type": "application/json" }).end("{}");
}

function parseEvents(body: unknown): Parsed {
  const result = eventsBody.safeParse(body);
  if (!result.success) return { ok: false, status: 400, message: z.prettifyError(result.error) };
  const { name, data, channel, channels, socket_id } = result.data;
  const targets = channels ?? (channel === undefined ? [] : [channel]);
  return checkLimits([{ name, data, channels: targets, socketId: socket_id }]);
}

function parseBatch(body: unknown): Parsed {
  const result = batchBody.safeParse(body);
  if (!result.success) return { ok: false, status: 400, message: z.prettifyError(result.error) };
  if (result.data.batch.length > LIMITS.maxBatchSize) {
    return { ok: false, status: 413, message: `A batch holds at most ${LIMITS.maxBatchSize} events` };
  }
  return checkLimits(
    result.data.batch.map(({ name, data, channel, socket_id }) => ({ name, data, channels: [channel], socketId: socket_id })),
  );
}

function checkLimits(events: OutgoingEvent[]): Parsed {
  for (const event of events) {
    if (event.channels.length === 0) return { ok: false, status: 400, message: "Missing channel or channels" };
    if (event.channels.length > LIMITS.maxChannelsPerEvent) {
      return { ok: false, status: 413, message: `An event goes to at most ${LIMITS.maxChannelsPerEvent} channels` };
    }
    const invalid = event.channels.find((channel) => !isValidChannelName(channel));
    if (invalid !== undefined) return { ok: false, status: 400, message: `Invalid channel name ${JSON.stringify(invalid)}` };
    if (event.name.length > LIMITS.maxEventNameLength) {
      return { ok: false, status: 400, message: `Event name over ${LIMITS.maxEventNameLength} characters` };
    }
    if (Buffer.byteLength(event.data, "utf8") > LIMITS.maxDataBytes) {
      return { ok: false, status: 413, message: `Event data over ${LIMITS.maxDataBytes} bytes` };
    }
  }
  return { ok: true, events };
}

/** Resolves null when the body exceeds `limit`; keeps draining so the reply can still be read. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(message);
}
