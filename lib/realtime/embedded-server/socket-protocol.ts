import type { RawData, WebSocket } from "ws";
import { signChannelAuth } from "../sign-channel";
import type { ChannelRegistry, PresenceMember, Subscriber } from "./channel-registry";
import {
  ACTIVITY_TIMEOUT_SECONDS,
  constantTimeEqual,
  encodeMessage,
  isAuthenticatedChannel,
  isValidChannelName,
  type ServerMessage,
} from "./protocol";

export type SocketContext = {
  key: string;
  secret: string;
  registry: ChannelRegistry;
  nextSocketId(): string;
  log(msg: string): void;
};

type ClientMessage = { event: string; data: unknown; channel?: unknown };
type SubscribeRequest = { channel?: unknown; auth?: unknown; channel_data?: unknown };

// pusher-js treats close codes 4000-4099 as "refused: do not reconnect", which is
// right for a wrong key: retrying cannot fix it.
const APP_KEY_NOT_FOUND = 4001;

/** Runs the Pusher protocol (v7) for one accepted WebSocket. */
export function acceptConnection(ws: WebSocket, appKey: string, ctx: SocketContext): void {
  ws.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET" && err.code !== "EPIPE") ctx.log(`socket error: ${err.message}`);
  });

  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
  };

  if (appKey !== ctx.key) {
    const message = `App key ${appKey} not in this cluster. Did you forget to specify the cluster?`;
    send({ event: "pusher:error", data: JSON.stringify({ code: APP_KEY_NOT_FOUND, message }) });
    ws.close(APP_KEY_NOT_FOUND, "App key not found");
    return;
  }

  const subscriber: Subscriber = { socketId: ctx.nextSocketId(), send };
  const sendError = (message: string) => send({ event: "pusher:error", data: JSON.stringify({ code: null, message }) });

  ws.on("close", () => ctx.registry.removeSocket(subscriber.socketId));
  ws.on("message", (raw, isBinary) => {
    const message = parseClientMessage(raw, isBinary);
    if (!message) {
      ctx.log(`ignored unparseable frame from ${subscriber.socketId}`);
      return;
    }
    handleMessage(message);
  });

  send({
    event: "pusher:connection_established",
    data: JSON.stringify({ socket_id: subscriber.socketId, activity_timeout: ACTIVITY_TIMEOUT_SECONDS }),
  });

  function handleMessage(message: ClientMessage): void {
    switch (message.event) {
      case "pusher:ping":
        send({ event: "pusher:pong", data: "{}" });
        return;
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        handleSubscribe(asObject(message.data) ?? {});
        return;
      case "pusher:unsubscribe": {
        const channel = asObject(message.data)?.channel;
        if (typeof channel === "string") ctx.registry.unsubscribe(channel, subscriber.socketId);
        return;
      }
    }
    if (message.event.startsWith("client-")) {
      // Nothing in Hookflow sends client events; refusing them keeps the server
      // from becoming an unauthenticated relay between browsers.
      sendError("Client events are not supported by the embedded Pusher server");
      return;
    }
    ctx.log(`ignored unknown event ${JSON.stringify(message.event)} from ${subscriber.socketId}`);
  }

  function handleSubscribe(request: SubscribeRequest): void {
    const { channel } = request;
    if (!isValidChannelName(channel)) {
      sendError(`Invalid channel name ${JSON.stringify(channel)}`);
      return;
    }
    const rejectWith = (status: number, error: string) => {
      ctx.log(`subscription to ${channel} by ${subscriber.socketId} rejected: ${error}`);
      send({
        event: "pusher:subscription_error",
        channel,
        data: JSON.stringify({ type: "AuthError", error, status }),
      });
    };

    const isPresence = channel.startsWith("presence-");
    const channelData = typeof request.channel_data === "string" ? request.channel_data : undefined;
    if (isAuthenticatedChannel(channel)) {
      const expected = signChannelAuth(
        ctx.key,
        ctx.secret,
        subscriber.socketId,
        channel,
        isPresence ? channelData : undefined,
      );
      if (typeof request.auth !== "string" || !constantTimeEqual(request.auth, expected)) {
        rejectWith(401, `Invalid signature for channel ${channel}`);
        return;
      }
    }

    let member: PresenceMember | undefined;
    if (isPresence) {
      member = parsePresenceMember(channelData);
      if (!member) {
        rejectWith(400, "Presence channel_data must be a JSON object with a user_id");
        return;
      }
    }

    ctx.registry.subscribe(channel, subscriber, member);
    send({
      event: "pusher_internal:subscription_succeeded",
      channel,
      data: isPresence ? ctx.registry.presenceSnapshot(channel) : "{}",
    });
  }
}

function parseClientMessage(raw: RawData, isBinary: boolean): ClientMessage | undefined {
  if (isBinary) return undefined;
  const parsed = asObject(safeJsonParse(rawToString(raw)));
  if (!parsed || typeof parsed.event !== "string") return undefined;
  return { event: parsed.event, data: parsed.data, channel: parsed.channel };
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
  return raw.toString("utf8");
}

function parsePresenceMember(channelData: string | undefined): PresenceMember | undefined {
  const parsed = asObject(safeJsonParse(channelData));
  const userId = parsed?.user_id;
  if (typeof userId === "number" || (typeof userId === "string" && userId !== "")) {
    return { userId: String(userId), userInfo: parsed?.user_info };
  }
  return undefined;
}

// Protocol 7 sends `data` as an object for subscribe, but older clients send a JSON string.
function asObject(value: unknown): Record<string, unknown> | undefined {
  const candidate = typeof value === "string" ? safeJsonParse(value) : value;
  if (typeof candidate === "object" && candidate !== null && !Array.isArray(candidate)) {
    return candidate as Record<string, unknown>;
  }
  return undefined;
}

function safeJsonParse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Garbage from a client is expected input, not an error: the caller logs and drops it.
    return undefined;
  }
}
