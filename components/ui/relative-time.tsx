"use client";
import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative } from "./format";

// One shared ticker for every relative time on the page, so "2 min ago" moves on
// without each row owning a timer.
const TICK_MS = 15_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = () => now;

export function RelativeTime({ iso }: { iso: string }) {
  const current = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, current)}
    </time>
  );
}
