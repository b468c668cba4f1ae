// The soak and the benchmarks fail (exit 1) when a run breaks a promise the README makes, not only
// print it: every 2xx has a saved execution, no run is left RUNNING, and the only 5xx is the
// documented 503 + Retry-After (database unreachable, server draining). A 500 is a bug.

/** 5xx statuses the README documents for webhooks; anything else is a bug. */
export const DOCUMENTED_5XX: ReadonlySet<number> = new Set([503]);

/** "500×3" for every undocumented 5xx in a status → count tally. */
export function undocumented5xx(counts: Iterable<[number, number]>): string[] {
  return [...counts].filter(([status, n]) => status >= 500 && !DOCUMENTED_5XX.has(status) && n > 0).map(([status, n]) => `${status}×${n}`);
}

/** autocannon's per-status tally as [status, count] pairs. */
export function autocannonStatuses(result: { statusCodeStats?: Partial<Record<string, { count?: number }>> }): [number, number][] {
  return Object.entries(result.statusCodeStats ?? {}).map(([status, stat]) => [Number(status), stat?.count ?? 0]);
}

/** Polls until `count()` is 0 or `timeoutMs` passes; returns the last count (runs still RUNNING). */
export async function settled(count: () => Promise<number>, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let left = await count();
  while (left > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    left = await count();
  }
  return left;
}

/**
 * Prints the verdict and ends the process with its exit code. Explicit: embedded PostgreSQL's exit
 * hook would otherwise turn a natural exit into code 0.
 */
export function exitWithVerdict(name: string, problems: readonly string[]): never {
  for (const problem of problems) console.log(`FAIL (${name}): ${problem}`);
  if (problems.length === 0) console.log(`OK (${name}): every 2xx saved, no run left RUNNING, no undocumented 5xx`);
  process.exit(problems.length === 0 ? 0 : 1);
}
