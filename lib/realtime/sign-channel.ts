import { createHmac } from "node:crypto";

/**
 * The `auth` string a client sends with `pusher:subscribe` for a private or
 * presence channel. Presence channels sign `channel_data` too, so a client cannot
 * claim another user's identity after authorization.
 *
 * Server-side only (it needs the secret). The app's auth endpoint uses the `pusher`
 * SDK's `authorizeChannel`; this exists for the embedded server and its tests.
 */
export function signChannelAuth(
  key: string,
  secret: string,
  socketId: string,
  channel: string,
  channelData?: string,
): string {
  const stringToSign =
    channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  const signature = createHmac("sha256", secret).update(stringToSign).digest("hex");
  return `${key}:${signature}`;
}
