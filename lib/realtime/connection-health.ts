// What the header may truthfully call "Live". pusher-js says "connected" until a ping goes
// unanswered, which by default is noticed only after 120 s of silence plus a 30 s pong wait.
// We ping after ACTIVITY_MS of silence and count the link live only while something (an event
// or a pong) arrived within LIVE_WINDOW_MS, and never while the browser reports itself offline.

// connecting: first connection in progress · connected: events flow · unavailable: the
// connection was lost or cannot be made, we keep retrying (and pages poll) · disconnected: it
// will not retry (refused by the server, or no usable transport).
export type RealtimeState = "connecting" | "connected" | "unavailable" | "disconnected";

/** pusher-js pings after this much silence (it takes the smaller of this and the server's). */
export const ACTIVITY_MS = 3_000;
/** …and drops the socket when no pong comes back within this. */
export const PONG_MS = 2_000;
/** Live = heard from the server this recently (a ping cycle, plus slack for a busy tab). */
export const LIVE_WINDOW_MS = ACTIVITY_MS + PONG_MS + 500;
/** While not connected, start a fresh attempt this often, so a returning server is used within about this. */
export const RECONNECT_MS = 1_000;
/** The first connection gets this long before we start forcing attempts. */
export const FIRST_CONNECT_GRACE_MS = 3_000;

export type Health = {
  pusherState: string;
  /** The user's channel is subscribed on the current connection: only then do events reach us. */
  subscribed: boolean;
  /** Connected at least once. */
  hasConnected: boolean;
  /** pusher-js stopped for good (failed, or disconnected by the server). */
  gaveUp: boolean;
  online: boolean;
  /** Last message from the server (events, pongs, the handshake). */
  lastActivityAt: number;
  now: number;
};

export function connectionState(h: Health): RealtimeState {
  if (h.gaveUp) return "disconnected";
  const fresh = h.now - h.lastActivityAt <= LIVE_WINDOW_MS;
  if (h.pusherState === "connected" && h.subscribed && h.online && fresh) return "connected";
  return h.hasConnected ? "unavailable" : "connecting";
}

/** Whether to abandon pusher-js's own backoff and try now. */
export function shouldForceReconnect(h: Health & { startedAt: number; lastForcedAt: number }): boolean {
  if (h.gaveUp || !h.online || h.pusherState === "connected") return false;
  if (!h.hasConnected && h.now - h.startedAt < FIRST_CONNECT_GRACE_MS) return false;
  return h.now - h.lastForcedAt >= RECONNECT_MS;
}

/** While not live, screens poll their queries this often instead of waiting for events. */
export const POLL_WHILE_NOT_LIVE_MS = 2_000;

/** A query's refetchInterval: none while live (events drive refetches), polling otherwise. */
export function pollUnlessLive(state: RealtimeState): number | false {
  return state === "connected" ? false : POLL_WHILE_NOT_LIVE_MS;
}
