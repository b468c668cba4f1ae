import http from "node:http";
import https from "node:https";
import Pusher from "pusher";
import { pusherEnv } from "@/lib/env";

// The server SDK talks to Pusher's cloud, or to any Pusher-compatible server
// (the embedded one in dev/tests, soketi in self-hosting) when PUSHER_HOST is set.
let instance: Pusher | undefined;

export function pusherServer(): Pusher {
  if (instance) return instance;
  const e = pusherEnv();
  const useTLS = e.PUSHER_USE_TLS ? e.PUSHER_USE_TLS === "true" : !e.PUSHER_HOST;
  // The SDK opens a new connection (and TLS handshake) per call unless given a
  // keep-alive agent; under load that is most of the cost of publishing.
  const agentOptions = { keepAlive: true, maxSockets: 8 };
  instance = new Pusher({
    appId: e.PUSHER_APP_ID,
    key: e.PUSHER_KEY,
    secret: e.PUSHER_SECRET,
    cluster: e.PUSHER_CLUSTER,
    useTLS,
    agent: useTLS ? new https.Agent(agentOptions) : new http.Agent(agentOptions),
    ...(e.PUSHER_HOST ? { host: e.PUSHER_HOST } : {}),
    // The SDK's types want the port as a string.
    ...(e.PUSHER_PORT ? { port: String(e.PUSHER_PORT) } : {}),
    timeout: 5_000,
  });
  return instance;
}

export type PusherClientConfig = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

// What the browser needs; passed from a server component so it is runtime config,
// not baked into the client bundle at build time.
export function pusherClientConfig(): PusherClientConfig {
  const e = pusherEnv();
  const host = e.PUSHER_CLIENT_HOST ?? e.PUSHER_HOST;
  const port = e.PUSHER_CLIENT_PORT ?? e.PUSHER_PORT;
  const tls = e.PUSHER_USE_TLS ? e.PUSHER_USE_TLS === "true" : !host;
  return { key: e.PUSHER_KEY, cluster: e.PUSHER_CLUSTER, ...(host ? { wsHost: host } : {}), ...(port ? { wsPort: port } : {}), forceTLS: tls };
}
