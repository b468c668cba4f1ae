"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import { isApiError } from "@/components/data/fetch-api";
import { RealtimeProvider } from "@/lib/realtime/use-realtime";
import type { PusherClientConfig } from "@/lib/realtime/pusher-client";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Freshness comes from realtime invalidation; this only stops refetch storms
        // on every mount and focus.
        staleTime: 10_000,
        // Back online, the realtime client asks the server what changed (catch-up) and refetches
        // exactly that; a blanket refetch here would only race it and cost a second round trip.
        refetchOnReconnect: false,
        // A 4xx will not get better by asking again.
        retry: (failures, error) => failures < 2 && (!isApiError(error) || error.status >= 500),
      },
    },
  });
}

// HOOKFLOW_WEBHOOK_ORIGIN, when webhooks have their own origin (docs/security/webhook-responses.md).
const WebhookOriginContext = createContext<string | undefined>(undefined);

/** The dedicated webhook origin, or undefined when webhooks are on the app's own origin. */
export function useWebhookOrigin(): string | undefined {
  return useContext(WebhookOriginContext);
}

type Props = { userId: string; realtime: PusherClientConfig; webhookOrigin?: string; children: ReactNode };

export function AppProviders({ userId, realtime, webhookOrigin, children }: Props) {
  // Per mount, not per module: a signed-out-then-in user never sees another's cache.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <WebhookOriginContext.Provider value={webhookOrigin}>
        <RealtimeProvider config={realtime} userId={userId}>
          {children}
        </RealtimeProvider>
      </WebhookOriginContext.Provider>
    </QueryClientProvider>
  );
}
