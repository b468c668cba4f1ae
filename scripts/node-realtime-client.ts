// A pusher-js client in Node, subscribed to a user's private channel with a locally signed
// authorization (it holds the app secret): for the fault tests and the realtime benchmark.
import PusherJs from "pusher-js";
import { signChannelAuth } from "@/lib/realtime/sign-channel";

export function connectNodeClient(env: { PUSHER_KEY: string; PUSHER_SECRET: string; PUSHER_PORT: string }, userId: string) {
  const client = new PusherJs(env.PUSHER_KEY, {
    // pusher-js refuses to start without a cluster even when wsHost overrides it.
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: Number(env.PUSHER_PORT),
    forceTLS: false,
    enabledTransports: ["ws"],
    channelAuthorization: {
      transport: "ajax",
      endpoint: "unused",
      customHandler: ({ socketId, channelName }, callback) => callback(null, { auth: signChannelAuth(env.PUSHER_KEY, env.PUSHER_SECRET, socketId, channelName) }),
    },
  });
  return { client, channel: client.subscribe(`private-user-${userId}`) };
}
