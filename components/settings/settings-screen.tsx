"use client";
import { Toaster } from "@/components/ui/toast";
import { AccountSection } from "./account-section";
import { ApiKeysSection } from "./api-keys-section";
import { RetentionSection } from "./retention-section";

export function SettingsScreen({ email }: { email: string }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <ApiKeysSection />
      <div className="grid gap-6">
        <AccountSection email={email} />
        <RetentionSection />
      </div>
      <Toaster />
    </div>
  );
}
