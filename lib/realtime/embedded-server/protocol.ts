import { timingSafeEqual } from "node:crypto";

// Pusher's published limits. Enforcing them here means an event that would be
// rejected in production is also rejected in local dev, not discovered on deploy.
export const LIMITS = {
  maxChannelsPerEvent: 100,
  maxDataBytes: 10 * 1024,
  maxBatchSize: 10,
  maxEventNameLength: 200,
  maxChannelNameLength: 164,
  // Not a Pusher limit: only keeps a runaway caller from buffering unbounded bodies.
  maxRequestBodyBytes: 1024 * 1024,
  maxFrameBytes: 64 * 1024,
} as const;

// Seconds; pusher-js pings after this much silence, so a dead link shows up quickly.
export const ACTIVITY_TIMEOUT_SECONDS = 120;

const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
export const SOCKET_ID = /^\d+\.\d+$/;

export function isValidChannelName(name: unknown): name is string {
  return typeof name === "string" && name.length <= LIMITS.maxChannelNameLength && CHANNEL_NAME.test(name);
}

export function isAuthenticatedChannel(channel: string): boolean {
  return channel.startsWith("private-") || channel.startsWith("presence-");
}

/** Over the wire `data` is always a string; pusher-js JSON-parses it when it can. */
export type ServerMessage = { event: string; channel?: string; data: string };

export function encodeMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}

/** Equal-length check leaks only the length, which is public (hex digests). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
