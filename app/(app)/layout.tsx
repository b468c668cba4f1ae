import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/page-user";
import { appEnv } from "@/lib/env";
import { pusherClientConfig } from "@/lib/realtime/pusher-client";
import { AppProviders } from "@/components/providers/app-providers";
import { AppNav } from "@/components/layout/app-nav";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <AppProviders userId={user.id} realtime={pusherClientConfig()} webhookOrigin={appEnv().HOOKFLOW_WEBHOOK_ORIGIN}>
      <AppNav email={user.email} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </AppProviders>
  );
}
