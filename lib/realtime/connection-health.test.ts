import { describe, expect, it } from "vitest";
import { connectionState, LIVE_WINDOW_MS, RECONNECT_MS, shouldForceReconnect, type Health } from "./connection-health";

const NOW = 1_000_000;
const live: Health = { pusherState: "connected", subscribed: true, hasConnected: true, gaveUp: false, online: true, lastActivityAt: NOW - 100, now: NOW };

describe("connectionState", () => {
  it("is Live while connected and recently heard from", () => {
    expect(connectionState(live)).toBe("connected");
  });

  it("leaves Live within seconds when the server goes silent, although pusher-js still says connected", () => {
    expect(LIVE_WINDOW_MS).toBeLessThanOrEqual(6_000);
    expect(connectionState({ ...live, lastActivityAt: NOW - LIVE_WINDOW_MS - 1 })).toBe("unavailable");
  });

  it("is not Live before the channel is subscribed: events published meanwhile would not reach us", () => {
    expect(connectionState({ ...live, subscribed: false })).toBe("unavailable");
    expect(connectionState({ ...live, subscribed: false, hasConnected: false })).toBe("connecting");
  });

  it("leaves Live at once when the browser goes offline", () => {
    expect(connectionState({ ...live, online: false })).toBe("unavailable");
  });

  it("says connecting before the first connection and reconnecting after", () => {
    expect(connectionState({ ...live, pusherState: "connecting", hasConnected: false })).toBe("connecting");
    expect(connectionState({ ...live, pusherState: "connecting" })).toBe("unavailable");
    expect(connectionState({ ...live, pusherState: "disconnected" })).toBe("unavailable");
  });

  it("says disconnected once pusher-js has given up", () => {
    expect(connectionState({ ...live, pusherState: "failed", gaveUp: true })).toBe("disconnected");
  });
});

describe("shouldForceReconnect", () => {
  const down = { ...live, pusherState: "unavailable", startedAt: NOW - 60_000, lastForcedAt: NOW - RECONNECT_MS };

  it("retries about every second while down and online", () => {
    expect(shouldForceReconnect(down)).toBe(true);
    expect(shouldForceReconnect({ ...down, lastForcedAt: NOW - RECONNECT_MS + 100 })).toBe(false);
  });

  it("does not retry while connected, offline, given up, or during the first connection's grace", () => {
    expect(shouldForceReconnect({ ...down, pusherState: "connected" })).toBe(false);
    expect(shouldForceReconnect({ ...down, online: false })).toBe(false);
    expect(shouldForceReconnect({ ...down, gaveUp: true })).toBe(false);
    expect(shouldForceReconnect({ ...down, hasConnected: false, startedAt: NOW - 500 })).toBe(false);
  });
});
