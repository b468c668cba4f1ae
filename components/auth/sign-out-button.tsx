"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchApi } from "@/components/data/fetch-api";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const signOut = async () => {
    setPending(true);
    try {
      await fetchApi("/api/auth/sign-out", { method: "POST", redirectOnUnauthorized: false });
    } catch (error) {
      // The session may already be gone; leaving the app is still the right outcome.
      console.warn("[auth] sign-out request failed", error);
    }
    // Leaving the (app) layout unmounts its QueryClient and realtime socket;
    // refresh drops server-rendered segments cached for the old session.
    router.replace("/sign-in");
    router.refresh();
  };
  return (
    <button
      type="button"
      onClick={() => void signOut()}
      disabled={pending}
      className="rounded-md px-2 py-1 text-sm font-medium text-gray-700 hover:bg-gray-100 disabled:text-gray-400"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
