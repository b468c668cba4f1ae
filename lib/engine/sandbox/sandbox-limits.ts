import { getHeapStatistics } from "node:v8";

// What the host can hold of a sandbox. A script's own memory lives in QuickJS's wasm heap and is
// bounded by its memoryLimitBytes; only its result and its console lines are copied into the
// host's JavaScript heap, each after its size is checked inside the sandbox (worker-main.ts).

const MB = 1024 * 1024;

/**
 * The largest memoryLimitBytes a code node may ask for: half of this process's V8 heap limit
 * (`--max-old-space-size`), between 32 MB and 256 MB. Every worker's wasm memory sits beside the
 * host heap in the same process, and a limit the host itself could not hold is no limit.
 * With the production start script's 192 MB heap this is 96-100 MB (depending on V8's young
 * generation); with Node's default heap it is 256 MB.
 */
export function maxSandboxMemoryBytes(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(32 * MB, Math.min(256 * MB, Math.floor(heapLimitBytes / 2 / MB) * MB));
}

export const SANDBOX_LIMITS = {
  /** Characters of JSON a script's result may take (the host parses it into objects). */
  maxResultBytes: 4 * MB,
  /** Characters of console output kept per run; longer lines are cut inside the sandbox. */
  maxLogBytes: 64 * 1024,
  maxMemoryLimitBytes: maxSandboxMemoryBytes(),
} as const;
