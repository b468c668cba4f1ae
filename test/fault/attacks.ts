// The denial-of-service payloads of issue 18, as workflows and webhook bodies: shared by the fault
// test (each must fail its node, or pass, without taking the server down) and `npm run bench:attack`
// (the /api/health p99 while each runs).

export type Attack = {
  name: string;
  path: string;
  nodes: unknown[];
  body: unknown;
  /** The attacked node, how its run ends, and the error message it must fail with. */
  node: string;
  status: "SUCCEEDED" | "FAILED";
  message?: RegExp;
};

const set = (expression: string) => [{ id: "eval", type: "set", parameters: { fields: { out: expression } } }];
const code = (source: string, parameters: Record<string, unknown> = {}) => [{ id: "run", type: "code", parameters: { source, ...parameters } }];

export const ATTACKS: Attack[] = [
  {
    // 3.0 s with 29 `a`s on a backtracking engine, doubling with each one; linear on RE2.
    name: "catastrophic regex (5,000 a's + !)",
    path: "attack-regex",
    nodes: set("{{ $contains($trigger.body.s, /^(a+)+$/) }}"),
    body: { s: `${"a".repeat(5000)}!` },
    node: "eval",
    status: "SUCCEEDED",
  },
  {
    name: "$string of a 1e7 range",
    path: "attack-string-range",
    nodes: set("{{ $count($string([1..10000000])) }}"),
    body: {},
    node: "eval",
    status: "FAILED",
    message: /range too long: 10000000 items/,
  },
  {
    name: "100 ranges of 100,000",
    path: "attack-nested-range",
    nodes: set("{{ $count([1..100].([1..100000])) }}"),
    body: {},
    node: "eval",
    status: "FAILED",
    message: /expression result too large|evaluation steps and was stopped/,
  },
  {
    name: "expression loop until the step budget",
    path: "attack-expression-loop",
    nodes: set("{{ $count([1..100000].($string($) & 'x')) }}"),
    body: {},
    node: "eval",
    status: "FAILED",
    message: /expression took more than 30000 evaluation steps and was stopped/,
  },
  {
    // The 60 MB string needed memoryLimitBytes 256 MB, which this server now refuses; a
    // 30 MB result still fits 100 MB of sandbox memory and must be refused before it is copied.
    name: "run-code returning a 30 MB string",
    path: "attack-big-result",
    nodes: code('"x".repeat(30 * 1024 * 1024)', { memoryLimitBytes: 100 * 1024 * 1024, timeoutMs: 10_000 }),
    body: {},
    node: "run",
    status: "FAILED",
    message: /the result is 31457282 characters of JSON, more than the limit/,
  },
  {
    name: "console.log of 60 arguments of 8 MB (inline)",
    path: "attack-console",
    nodes: code('const s = "y".repeat(8 * 1024 * 1024); console.log(...Array(60).fill(s)); "logged"', { memoryLimitBytes: 32 * 1024 * 1024, timeoutMs: 10_000 }),
    body: {},
    node: "run",
    status: "SUCCEEDED",
  },
];

/** One user's infinite loops, and another user's script slow enough to need a worker (0.3 s). */
export const SPIN_SOURCE = "for (;;) {}";
export const QUICK_SOURCE = "const end = Date.now() + 300; while (Date.now() < end) {} 42";

/** Polls /api/health until stopped; returns each answer's latency (ms) and status. */
export function pollHealth(url: string, everyMs = 20) {
  const samples: { ms: number; status: number }[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${url}/api/health`);
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      samples.push({ ms: performance.now() - started, status });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
      return samples;
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
