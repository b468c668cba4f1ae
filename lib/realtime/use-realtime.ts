"use client";
// The browser side of realtime: one pusher-js connection per signed-in tab, subscribed
// to the user's private channel. An event is only a signal to refetch — the payload is
// never written into the query cache; the database (through the API) stays the truth.
// Pusher may drop events, so every event carries a per-user seq: a hole in the numbers, a
// (re)subscribe, a return to the tab or to the network asks the server what changed since
// the last applied seq (catch-up.ts) and refetches exactly that.
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import Pusher, { type ChannelAuthorizationHandler } from "pusher-js";
import { bulkKeys, executionKeys } from "@/lib/query-keys";
import { catchUpKeys, fetchMissedEvents } from "./catch-up";
import { ACTIVITY_MS, connectionState, PONG_MS, RECONNECT_MS, shouldForceReconnect, type RealtimeState } from "./connection-health";
import { REALTIME_EVENT_NAMES, userChannel, type RealtimeEventName, type RealtimeEvents } from "./events";
import { createInvalidationBatcher, type InvalidationBatcher } from "./invalidation-batcher";
import type { PusherClientConfig } from "./pusher-client";
import { eventSeq, SeqTracker } from "./seq-tracker";

export type { RealtimeState } from "./connection-health";

const RealtimeContext = createContext<RealtimeState>("disconnected");

export function useRealtimeState(): RealtimeState {
  return useContext(RealtimeContext);
}

// Which keys each event makes stale. Lists are prefixes, so every filter and page refetches.
const INVALIDATES: { [K in RealtimeEventName]: (data: RealtimeEvents[K]) => QueryKey[] } = {
  executionStarted: (d) => [executionKeys.lists(), executionKeys.detail(d.executionId)],
  nodeExecuted: (d) => [executionKeys.detail(d.executionId)],
  executionCompleted: (d) => [executionKeys.lists(), executionKeys.detail(d.executionId)],
  executionUpdated: (d) => [executionKeys.lists(), executionKeys.detail(d.executionId)],
  // A delete has no execution event of its own: lists and an open run's page (a deleted run's
  // page then says it is gone) refetch on the operation's progress, at most 4 times a second.
  bulkOperationUpdated: (d) => [bulkKeys.detail(d.operationId), executionKeys.lists(), executionKeys.details()],
};

// A catch-up that still leaves a hole (an event arrived mid-request past a missing one) asks
// again, a bounded number of times: the next trigger (event, focus, resubscribe) resumes.
const MAX_CATCH_UP_ROUNDS = 3;

// One catch-up at a time; triggers that arrive meanwhile fold into one more round.
function createCatchUp(tracker: SeqTracker, batcher: InvalidationBatcher, signal: AbortSignal) {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    try {
      for (let round = 0; round < MAX_CATCH_UP_ROUNDS && (round === 0 || again || tracker.hasGap()); round++) {
        again = false;
        const after = tracker.lastApplied;
        const missed = await fetchMissedEvents(after, signal);
        batcher.add(catchUpKeys(after, missed));
        tracker.onCaughtUp(missed.lastSeq);
      }
    } catch (error) {
      if (signal.aborted) return;
      // Cannot tell what changed: refetch everything visible, as before sequence numbers.
      console.warn("[realtime] catch-up failed; refetching everything", error);
      batcher.add([executionKeys.all]);
    } finally {
      running = false;
    }
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

// pusher-js's own "ajax" transport posts a form, which the server refuses from a session
// (CSRF: cookie-authenticated state changes are same-origin JSON only); this posts JSON.
const authorizeChannel: ChannelAuthorizationHandler = ({ socketId, channelName }, callback) => {
  fetch("/api/realtime/auth", {
    method: "POST",
    credentials: "same-origin",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ socket_id: socketId, channel_name: channelName }),
  })
    .then(async (response) => {
      if (!response.ok) throw new Error(`channel authorization failed (${response.status})`);
      callback(null, (await response.json()) as { auth: string });
    })
    .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
};

// Opens the socket, subscribes, and wires events to invalidation. Returns the teardown.
function connectRealtime(config: PusherClientConfig, userId: string, queryClient: QueryClient, onState: (state: RealtimeState) => void): () => void {
  const { key, cluster, wsHost, wsPort, forceTLS } = config;
  const pusher = new Pusher(key, {
    cluster,
    forceTLS,
    ...(wsHost ? { wsHost, wsPort, wssPort: wsPort, enabledTransports: ["ws", "wss"] as ("ws" | "wss")[] } : {}),
    channelAuthorization: { customHandler: authorizeChannel },
    activityTimeout: ACTIVITY_MS,
    pongTimeout: PONG_MS,
  });
  const aborter = new AbortController();
  const batcher = createInvalidationBatcher(queryClient);
  const tracker = new SeqTracker();
  const catchUp = createCatchUp(tracker, batcher, aborter.signal);
  const channelName = userChannel(userId);

  const startedAt = Date.now();
  let hasConnected = false;
  let subscribed = false;
  let gaveUp = false;
  let forcing = false;
  let lastForcedAt = startedAt;
  let lastActivityAt = 0;
  const health = () => ({ pusherState: pusher.connection.state, subscribed, hasConnected, gaveUp, online: navigator.onLine, lastActivityAt, now: Date.now() });
  const update = () => onState(connectionState(health()));

  // pusher-js backs off between attempts (a returning server was used only after ~11 s);
  // a fresh attempt every RECONNECT_MS while down is cheap and bounds that to about a second.
  const forceReconnect = () => {
    if (!shouldForceReconnect({ ...health(), startedAt, lastForcedAt })) return;
    lastForcedAt = Date.now();
    forcing = true;
    pusher.disconnect();
    pusher.connect();
    forcing = false;
  };

  pusher.connection.bind("state_change", ({ current }: { current: string }) => {
    // pusher-js subscribes again on every new connection.
    subscribed = false;
    if (current === "connected") {
      hasConnected = true;
      lastActivityAt = Date.now();
    }
    // "failed": no usable transport; "disconnected" not asked for by us: refused by the server (40xx).
    if (current === "failed" || (current === "disconnected" && !forcing)) gaveUp = true;
    update();
  });
  // Every frame counts, pongs included: that is what "a ping succeeded recently" means.
  pusher.connection.bind("message", () => {
    lastActivityAt = Date.now();
    update();
  });

  const channel = pusher.subscribe(channelName);
  // pusher-js (re)subscribes after every (re)connect, and only from this moment on are events
  // guaranteed to reach us: catch up on whatever happened before (page load, outage).
  channel.bind("pusher:subscription_succeeded", () => {
    subscribed = true;
    update();
    catchUp();
  });
  channel.bind("pusher:subscription_error", (error: unknown) => {
    console.warn("[realtime] subscription failed; live updates are off", error);
  });
  const listen = <K extends RealtimeEventName>(name: K) =>
    channel.bind(name, (data: RealtimeEvents[K]) => {
      const decision = tracker.onEvent(eventSeq(data));
      if (decision !== "stale") batcher.add(INVALIDATES[name](data));
      if (decision === "gap") catchUp();
    });
  for (const name of REALTIME_EVENT_NAMES) listen(name);

  // Back to the network or to the tab: the socket may have missed anything meanwhile.
  const onReturn = () => {
    if (document.visibilityState === "hidden") return;
    forceReconnect();
    catchUp();
    update();
  };
  const onOnline = () => {
    lastForcedAt = 0;
    onReturn();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", update);
  window.addEventListener("focus", onReturn);
  document.addEventListener("visibilitychange", onReturn);
  // Staleness has no event of its own: re-evaluate on a clock.
  const ticker = setInterval(() => {
    forceReconnect();
    update();
  }, RECONNECT_MS / 2);

  return () => {
    clearInterval(ticker);
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", update);
    window.removeEventListener("focus", onReturn);
    document.removeEventListener("visibilitychange", onReturn);
    aborter.abort();
    batcher.cancel();
    pusher.unsubscribe(channelName);
    pusher.disconnect();
  };
}

type ProviderProps = { config: PusherClientConfig; userId: string; children: ReactNode };

// Mount once per signed-in tab (the app layout): one socket, shared by every screen.
export function RealtimeProvider({ config, userId, children }: ProviderProps) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RealtimeState>("connecting");
  const { key, cluster, wsHost, wsPort, forceTLS } = config;

  useEffect(() => {
    let teardown: (() => void) | undefined;
    // Deferred a tick: React StrictMode (dev) mounts, unmounts and remounts at once,
    // and only the surviving mount should open a socket.
    const timer = setTimeout(() => {
      teardown = connectRealtime({ key, cluster, wsHost, wsPort, forceTLS }, userId, queryClient, setState);
    }, 0);
    return () => {
      clearTimeout(timer);
      teardown?.();
    };
  }, [key, cluster, wsHost, wsPort, forceTLS, userId, queryClient]);

  return createElement(RealtimeContext.Provider, { value: state }, children);
}
