import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/page-user";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsScreen } from "@/components/settings/settings-screen";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader title="Settings" description="API keys for the REST API, your account, and how long executions are kept." />
      <SettingsScreen email={user.email} />
    </>
  );
}
