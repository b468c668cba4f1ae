// Display formatting shared by the screens. Pure functions; "now" is passed in.

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  // Node timings are fractional milliseconds; whole-run timings are integers.
  if (ms < 10 && !Number.isInteger(ms)) return `${ms.toFixed(ms < 1 ? 2 : 1)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return `${minutes} min ${seconds} s`;
}

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3 });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? exactFormat.format(new Date(iso)) : "—";
}

// Node start times within one run differ by milliseconds, so show them.
export function formatTimeOfDay(iso: string): string {
  return timeFormat.format(new Date(iso));
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

export function formatRelative(iso: string, now: number): string {
  // Clamped: a ticker up to one tick old (or client clock skew) must not say "in 3 sec".
  const diff = Math.min(0, new Date(iso).getTime() - now);
  if (Math.abs(diff) < 5_000) return "just now";
  if (Math.abs(diff) > 30 * 86_400_000) return exactFormat.format(new Date(iso));
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relativeFormat.format(Math.round(diff / size), unit);
  }
  return "just now";
}

export function formatTriggerLabel(method: string | null, path: string | null): string {
  if (!method && !path) return "—";
  const p = path ? (path.startsWith("/") ? path : `/${path}`) : "";
  return [method, p].filter(Boolean).join(" ");
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
