"use client";
// The browser side of realtime: one pusher-js connection per signed-in tab, subscribed
// to the user's private channel. An event is only a signal to refetch — the payload is
// never written into the query cache; the database (through the API) stays the truth.
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import Pusher from "pusher-js";
import { executionKeys } from "@/lib/query-keys";
import { REALTIME_EVENT_NAMES, userChannel, type RealtimeEventName, type RealtimeEvents } from "./events";
import type { PusherClientConfig } from "./pusher-client";

// connecting: first connection in progress · connected: events flow · unavailable: the
// connection was lost or cannot be made, pusher-js keeps retrying · disconnected: it
// will not retry (closed, refused by the server, or no usable transport).
export type RealtimeState = "connecting" | "connected" | "unavailable" | "disconnected";

// pusher-js states → ours. pusher-js gives up only on "failed" (no usable transport)
// and "disconnected" (closed by us, or refused by the server with a 40xx code).
const PUSHER_STATES: Record<string, RealtimeState> = {
  initialized: "connecting",
  connecting: "connecting",
  connected: "connected",
  unavailable: "unavailable",
  failed: "disconnected",
  disconnected: "disconnected",
};

function toRealtimeState(pusherState: string, hasConnected: boolean): RealtimeState {
  const state = PUSHER_STATES[pusherState] ?? "disconnected";
  // Connecting again after having been live is a reconnect, i.e. the connection is lost.
  return state === "connecting" && hasConnected ? "unavailable" : state;
}

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
};

// A burst of webhook runs sends many events; coalesce them so an (infinite, multi-page)
// list refetches once per window instead of once per event.
const FLUSH_MS = 150;

function isPrefix(prefix: QueryKey, key: QueryKey): boolean {
  return prefix.length <= key.length && prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
}

function createInvalidator(queryClient: QueryClient) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    // Keys match by prefix, so ["executions"] already covers ["executions","list"].
    const covered = (key: QueryKey) => keys.some((other) => other !== key && isPrefix(other, key));
    for (const queryKey of keys) {
      if (covered(queryKey)) continue;
      // Invalidating cancels an in-flight fetch, which would throw away a "Load more"
      // page; wait for it to land, then refetch.
      if (queryClient.isFetching({ queryKey }) > 0) schedule(queryKey);
      else void queryClient.invalidateQueries({ queryKey });
    }
  };
  const schedule = (key: QueryKey) => {
    pending.set(JSON.stringify(key), key);
    timer ??= setTimeout(flush, FLUSH_MS);
  };
  return {
    add(keys: QueryKey[]) {
      for (const key of keys) schedule(key);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      pending.clear();
    },
  };
}

// Opens the socket, subscribes, and wires events to invalidation. Returns the teardown.
function connectRealtime(config: PusherClientConfig, userId: string, queryClient: QueryClient, onState: (state: RealtimeState) => void): () => void {
  const { key, cluster, wsHost, wsPort, forceTLS } = config;
  const pusher = new Pusher(key, {
    cluster,
    forceTLS,
    ...(wsHost ? { wsHost, wsPort, wssPort: wsPort, enabledTransports: ["ws", "wss"] as ("ws" | "wss")[] } : {}),
    channelAuthorization: { endpoint: "/api/realtime/auth", transport: "ajax" },
  });
  const invalidator = createInvalidator(queryClient);
  const channelName = userChannel(userId);

  let wasDown = false;
  let hasConnected = false;
  pusher.connection.bind("state_change", ({ previous, current }: { previous: string; current: string }) => {
    if (current === "connected") hasConnected = true;
    onState(toRealtimeState(current, hasConnected));
    if (previous === "connected") wasDown = true;
    if (current === "connected" && wasDown) {
      // Back after an outage: whatever was published meanwhile is lost, refetch.
      // (Coalesces with the resubscription below when that follows quickly.)
      wasDown = false;
      invalidator.add([executionKeys.all]);
    }
  });

  const channel = pusher.subscribe(channelName);
  // pusher-js (re)subscribes after every (re)connect, and only from this moment on are
  // events guaranteed to reach us. So catch up from the database here: the first time
  // covers runs that happened between the page's first fetch and the subscription;
  // after a reconnect it covers everything published while the socket was down.
  channel.bind("pusher:subscription_succeeded", () => invalidator.add([executionKeys.all]));
  channel.bind("pusher:subscription_error", (error: unknown) => {
    console.warn("[realtime] subscription failed; live updates are off", error);
  });
  const listen = <K extends RealtimeEventName>(name: K) =>
    channel.bind(name, (data: RealtimeEvents[K]) => invalidator.add(INVALIDATES[name](data)));
  for (const name of REALTIME_EVENT_NAMES) listen(name);

  return () => {
    invalidator.cancel();
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
