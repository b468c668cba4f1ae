"use client";
import { useRealtimeState, type RealtimeState } from "@/lib/realtime/use-realtime";

const STATES: Record<RealtimeState, { label: string; dot: string; hint: string }> = {
  connected: { label: "Live", dot: "bg-green-500", hint: "Updates appear as they happen" },
  connecting: { label: "Connecting…", dot: "bg-amber-400 animate-pulse", hint: "Connecting to live updates" },
  unavailable: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse", hint: "Live updates are interrupted; retrying" },
  disconnected: { label: "Offline", dot: "bg-gray-400", hint: "Live updates are off; reload the page to reconnect" },
};

export function ConnectionIndicator() {
  const state = useRealtimeState();
  const info = STATES[state];
  return (
    <span
      role="status"
      aria-label={`Realtime: ${info.label}`}
      title={info.hint}
      data-state={state}
      className="inline-flex items-center gap-1.5 whitespace-nowrap text-xs font-medium text-gray-600"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${info.dot}`} />
      {info.label}
    </span>
  );
}
