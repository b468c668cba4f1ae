import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { findPageUser } from "@/lib/auth/page-user";
import { AuthForm } from "@/components/auth/auth-form";
import { safeNextPath } from "@/components/auth/safe-next";

export const metadata: Metadata = { title: "Sign up" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await findPageUser()) redirect(next);
  return <AuthForm mode="sign-up" next={next} />;
}
