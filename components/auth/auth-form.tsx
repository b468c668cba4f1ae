"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field-styles";

type Mode = "sign-in" | "sign-up";

const COPY: Record<Mode, { title: string; submit: string; pending: string; endpoint: string; switchText: string; switchLink: string; switchHref: string }> = {
  "sign-in": {
    title: "Sign in to Hookflow",
    submit: "Sign in",
    pending: "Signing in…",
    endpoint: "/api/auth/sign-in",
    switchText: "No account yet?",
    switchLink: "Create an account",
    switchHref: "/sign-up",
  },
  "sign-up": {
    title: "Create your Hookflow account",
    submit: "Create account",
    pending: "Creating account…",
    endpoint: "/api/auth/sign-up",
    switchText: "Already have an account?",
    switchLink: "Sign in",
    switchHref: "/sign-in",
  },
};

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const copy = COPY[mode];
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    const name = String(form.get("name") ?? "").trim();
    if (mode === "sign-up" && name) body.name = name;
    setPending(true);
    setError(null);
    try {
      await fetchApi(copy.endpoint, { method: "POST", body, redirectOnUnauthorized: false });
      router.replace(next);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <div className="w-full max-w-sm rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight">{copy.title}</h1>
      {/* noValidate: the API's messages are the ones to show, not the browser's bubbles. */}
      <form noValidate onSubmit={(e) => void submit(e)} className="mt-6 space-y-4">
        {mode === "sign-up" ? (
          <div>
            <label htmlFor="name" className={labelClass}>
              Name <span className="font-normal text-gray-500">(optional)</span>
            </label>
            <input id="name" name="name" type="text" autoComplete="name" className={inputClass} />
          </div>
        ) : null}
        <div>
          <label htmlFor="email" className={labelClass}>
            Email
          </label>
          <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
        </div>
        <div>
          <label htmlFor="password" className={labelClass}>
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            required
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            aria-describedby={mode === "sign-up" ? "password-hint" : undefined}
            className={inputClass}
          />
          {mode === "sign-up" ? (
            <p id="password-hint" className="mt-1 text-xs text-gray-500">
              At least 8 characters.
            </p>
          ) : null}
        </div>
        {error ? <ErrorAlert>{error}</ErrorAlert> : null}
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? copy.pending : copy.submit}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-gray-600">
        {copy.switchText}{" "}
        <Link href={copy.switchHref} className="font-medium text-blue-700 hover:underline">
          {copy.switchLink}
        </Link>
      </p>
    </div>
  );
}
