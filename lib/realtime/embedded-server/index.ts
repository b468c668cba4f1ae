import { randomInt } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { createChannelRegistry } from "./channel-registry";
import { createHttpHandler } from "./http-events";
import { LIMITS } from "./protocol";
import { acceptConnection } from "./socket-protocol";

export type EmbeddedPusherOptions = {
  /** Defaults to 127.0.0.1: the server trusts anyone holding the dev secret, so it stays off the LAN. */
  host?: string;
  /** 0 picks a free port; read it back from `server.port`. */
  port?: number;
  appId: string;
  key: string;
  secret: string;
  log?: (msg: string) => void;
};

export type EmbeddedPusherServer = {
  host: string;
  port: number;
  close(): Promise<void>;
  /** `eventsReceived` counts accepted REST events (a batch of n counts n), not deliveries. */
  stats(): { connections: number; eventsReceived: number };
};

const APP_PATH = /^\/app\/([^/]+)$/;

/**
 * A Pusher-protocol server for local dev and tests, so the app talks to it through
 * the same `pusher` SDK → HTTP → WebSocket → `pusher-js` path it uses in production.
 * Single process, in memory, no history: exactly Pusher's delivery semantics, minus scale.
 */
export async function startEmbeddedPusherServer(opts: EmbeddedPusherOptions): Promise<EmbeddedPusherServer> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? ((msg: string) => console.warn(`[embedded-pusher] ${msg}`));
  const registry = createChannelRegistry();
  let eventsReceived = 0;

  // Random prefix: socket ids stay unique across restarts, so a stale pusher-js
  // client that reconnects cannot be mistaken for an earlier socket.
  const socketIdPrefix = randomInt(1, 1_000_000_000);
  let socketCounter = 0;

  const server = createServer(
    createHttpHandler({
      appId: opts.appId,
      key: opts.key,
      secret: opts.secret,
      registry,
      log,
      onEventsAccepted: (count) => {
        eventsReceived += count;
      },
    }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxFrameBytes });

  server.on("upgrade", (req, socket, head) => {
    // A browser closing its tab resets the connection: routine, not worth a log line.
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "ECONNRESET" && err.code !== "EPIPE") log(`upgrade socket error: ${err.message}`);
    });
    const url = new URL(req.url ?? "/", "http://embedded-pusher");
    const match = APP_PATH.exec(url.pathname);
    if (!match?.[1]) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    const appKey = decodeURIComponent(match[1]);
    wss.handleUpgrade(req, socket, head, (ws) =>
      acceptConnection(ws, appKey, {
        key: opts.key,
        secret: opts.secret,
        registry,
        log,
        nextSocketId: () => `${socketIdPrefix}.${++socketCounter}`,
      }),
    );
  });
  server.on("clientError", (err, socket) => {
    log(`HTTP client error: ${err.message}`);
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => log(`server error: ${err.message}`));
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close(() => resolve());
      // server.close() only drops idle keep-alive connections; a request still in
      // flight (a stalled publisher mid-body) would otherwise hold the port open.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    host,
    port,
    close,
    stats: () => ({ connections: wss.clients.size, eventsReceived }),
  };
}
