"use client";
import { useSyncExternalStore } from "react";

// App-wide toasts without a provider: a tiny module store any client component can push to,
// and one <Toaster /> per screen that renders it. Success is a polite status, errors an alert.
type Tone = "success" | "error";
export type Toast = { id: number; tone: Tone; title: string; message?: string };

const DURATION_MS: Record<Tone, number> = { success: 4_000, error: 8_000 };

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function push(tone: Tone, title: string, message?: string) {
  const id = nextId++;
  // Keep a short stack: the newest few matter, older ones are noise.
  toasts = [...toasts.slice(-3), { id, tone, title, message }];
  emit();
  setTimeout(() => dismiss(id), DURATION_MS[tone]);
}

export const toast = {
  success: (title: string, message?: string) => push("success", title, message),
  error: (title: string, message?: string) => push("error", title, message),
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const getSnapshot = () => toasts;
const getServerSnapshot = (): Toast[] => [];

const TONES: Record<Tone, string> = {
  success: "border-green-200 bg-white text-gray-900 [&_[data-dot]]:bg-green-500",
  error: "border-red-200 bg-red-50 text-red-900 [&_[data-dot]]:bg-red-500",
};

export function Toaster() {
  const items = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  return (
    <div aria-label="Notifications" role="region" className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
      {items.map((t) => (
        <div
          key={t.id}
          role={t.tone === "error" ? "alert" : "status"}
          className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border p-3 text-sm shadow-lg ${TONES[t.tone]}`}
        >
          <span data-dot="" aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full" />
          <div className="min-w-0 flex-1">
            <p className="font-medium">{t.title}</p>
            {t.message ? <p className="mt-0.5 whitespace-pre-wrap break-words text-gray-700">{t.message}</p> : null}
          </div>
          <button
            type="button"
            onClick={() => dismiss(t.id)}
            aria-label={`Dismiss: ${t.title}`}
            className="rounded px-1 text-gray-500 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
