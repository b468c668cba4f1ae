"use client";
import { Toaster } from "@/components/ui/toast";
import { AccountSection } from "./account-section";
import { ApiKeysSection } from "./api-keys-section";

export function SettingsScreen({ email }: { email: string }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <ApiKeysSection />
      <AccountSection email={email} />
      <Toaster />
    </div>
  );
}
