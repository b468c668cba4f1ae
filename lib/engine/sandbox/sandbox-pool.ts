import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { runInline } from "./inline-runner";
import { SANDBOX_LIMITS } from "./sandbox-limits";
import type { SandboxErrorKind, SandboxJob, SandboxOutcome, WorkerMessage } from "./protocol";
import { runJob, workerMain } from "./worker-main";

// User code runs in worker threads, not on the main thread: a script spinning for its whole time
// limit must not stall other webhooks, and an abort (run cancelled) must be able to reach a script
// that never yields. The abort travels through shared memory that QuickJS's interrupt handler
// polls; if the worker does not answer within a grace period it is terminated and replaced.
//
// Fast path: most scripts are short transformations, for which the worker round trip (a message
// each way, two thread wake-ups, a structured clone) took longer than the script itself (measured:
// 0.7–1.6 ms of latency per code node on top of ~1 ms of QuickJS, more on a loaded machine where the
// worker thread also waits for a core). So a script first runs inline, on the
// calling thread, with a time budget of INLINE_BUDGET_MS. A script is pure (no I/O, no timers, no
// host state), so one that runs out of that budget, or hits a host-side failure, is run again from
// scratch in a worker with its full limits, and its source goes to a worker directly for the next
// SLOW_FOR_MS. The budget is the process's CPU time, not wall time: on a loaded machine a
// descheduled thread overran a 10 ms wall-clock budget with a 1 ms script and sent everything to
// workers. The event loop is blocked for about the budget, once per slow script and period.

// The worker is started from source text; the packages are resolved by name from the working
// directory (next.config must list them in serverExternalPackages so they ship unbundled).
const WORKER_SOURCE = `"use strict";
var __name = (fn) => fn; // esbuild keepNames helper, in case the transpiled function references it
const { parentPort } = require("node:worker_threads");
const core = require("quickjs-emscripten-core");
const variantModule = require("@jitl/quickjs-singlefile-cjs-release-sync");
const variant = variantModule.default ?? variantModule;
const runJob = (${runJob.toString()});
(${workerMain.toString()})({ port: parentPort, loadModule: () => core.newQuickJSWASMModuleFromVariant(variant), runJob });
`;

/** Extra time a worker gets past its deadline (or after an abort) before it is terminated. */
const KILL_GRACE_MS = 1000;
const ABORT_GRACE_MS = 250;
export const INLINE_BUDGET_MS = 20;
const SLOW_FOR_MS = 30_000;
/** Memory limits above the default go to a worker: the inline wasm heap never shrinks. */
const INLINE_MAX_MEMORY_BYTES = 32 * 1024 * 1024;
const SLOW_SOURCES_LIMIT = 500;

export type SandboxRequest = {
  source: string;
  /** Global names → JSON values; each is JSON-encoded here and parsed inside the sandbox. */
  globals: Record<string, unknown>;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes?: number;
  maxLogBytes?: number;
  maxResultBytes?: number;
  /** Who runs the script (a user id); workers are shared fairly between tenants. */
  tenant?: string;
};

export type SandboxResult =
  | { ok: true; result: unknown; logs: string[] }
  | { ok: false; kind: SandboxErrorKind; error: { name: string; message: string; stack?: string }; logs: string[] };

type Pending = { id: number; interruptFlag: Int32Array; settle: (outcome: SandboxOutcome) => void };
type Slot = { worker: Worker; ready: Promise<void>; pending?: Pending; dead: boolean; tenant?: string };
type Waiter = { tenant: string; take: (slot: Slot) => void };

export class SandboxPool {
  private readonly idle: Slot[] = [];
  /** Waiters per tenant; the map's key order is the round-robin order (a served tenant moves to the back). */
  private readonly waiting = new Map<string, Waiter[]>();
  /** Workers each tenant holds now. */
  private readonly held = new Map<string, number>();
  private live = 0;
  private nextId = 1;
  /** Sources that ran past the inline budget → until when they go to a worker directly (bounded, oldest out). */
  private readonly slowSources = new Map<string, number>();
  /** Where scripts ran (an over-budget script counts once in each): what says the fast path and the workers are used. */
  readonly runs = { inline: 0, worker: 0 };

  /**
   * One tenant may hold at most `maxPerTenant` workers (default: all but one), so a user whose
   * scripts spin until their time limit always leaves a worker for everyone else; waiting jobs
   * are served one tenant at a time, in turn.
   */
  constructor(
    private readonly size: number,
    private readonly inline = true,
    private readonly maxPerTenant = Math.max(1, size - 1),
  ) {}

  async run(request: SandboxRequest, signal: AbortSignal): Promise<SandboxResult> {
    const aborted: SandboxResult = { ok: false, kind: "aborted", error: { name: "AbortError", message: "code: aborted" }, logs: [] };
    if (signal.aborted) return aborted;
    const globalsJson: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.globals)) globalsJson[name] = JSON.stringify(value ?? null);

    if (this.inline && request.memoryLimitBytes <= INLINE_MAX_MEMORY_BYTES && !this.isSlow(request.source)) {
      const budget = Math.min(request.timeoutMs, INLINE_BUDGET_MS);
      this.runs.inline++;
      const outcome = await runInline({
        id: this.nextId++,
        source: request.source,
        globalsJson,
        timeoutMs: budget,
        // The budget only sends a script elsewhere; CPU time keeps a descheduled thread from doing so.
        clock: budget < request.timeoutMs ? "cpu" : "wall",
        memoryLimitBytes: request.memoryLimitBytes,
        maxStackBytes: request.maxStackBytes ?? 256 * 1024,
        maxLogBytes: request.maxLogBytes ?? SANDBOX_LIMITS.maxLogBytes,
        maxResultBytes: request.maxResultBytes ?? SANDBOX_LIMITS.maxResultBytes,
        // Nothing can set it while the script runs synchronously; the signal is checked around it.
        interruptFlag: new Int32Array(1),
      });
      const overBudget = !outcome.ok && outcome.kind === "timeout" && budget < request.timeoutMs;
      if (!overBudget && (outcome.ok || outcome.recycle !== true)) return toResult(outcome);
      this.slowSources.delete(request.source);
      this.slowSources.set(request.source, performance.now() + SLOW_FOR_MS);
      if (this.slowSources.size > SLOW_SOURCES_LIMIT) this.slowSources.delete(this.slowSources.keys().next().value!);
      if (signal.aborted) return aborted;
    }

    const slot = await this.acquire(request.tenant ?? "", signal);
    if (slot === undefined) return aborted;
    this.runs.worker++;
    const job: SandboxJob = {
      id: this.nextId++,
      source: request.source,
      globalsJson,
      timeoutMs: request.timeoutMs,
      memoryLimitBytes: request.memoryLimitBytes,
      maxStackBytes: request.maxStackBytes ?? 256 * 1024,
      maxLogBytes: request.maxLogBytes ?? SANDBOX_LIMITS.maxLogBytes,
      maxResultBytes: request.maxResultBytes ?? SANDBOX_LIMITS.maxResultBytes,
      interruptFlag: new Int32Array(new SharedArrayBuffer(4)),
    };
    return toResult(await this.execute(slot, job, signal));
  }

  private isSlow(source: string): boolean {
    const until = this.slowSources.get(source);
    if (until === undefined) return false;
    if (performance.now() < until) return true;
    this.slowSources.delete(source);
    return false;
  }

  private execute(slot: Slot, job: SandboxJob, signal: AbortSignal): Promise<SandboxOutcome> {
    return new Promise<SandboxOutcome>((resolve) => {
      let killTimer: NodeJS.Timeout | undefined;
      const kill = (kind: SandboxErrorKind, message: string) => {
        this.destroy(slot);
        finish({ id: job.id, ok: false, kind, error: { name: kind === "aborted" ? "AbortError" : "TimeoutError", message }, logs: [] });
      };
      const onAbort = () => {
        Atomics.store(job.interruptFlag, 0, 1);
        clearTimeout(killTimer);
        killTimer = setTimeout(() => kill("aborted", "code: aborted (sandbox terminated)"), ABORT_GRACE_MS);
      };
      const finish = (outcome: SandboxOutcome) => {
        if (slot.pending?.id !== job.id) return;
        slot.pending = undefined;
        clearTimeout(killTimer);
        signal.removeEventListener("abort", onAbort);
        if (!outcome.ok && outcome.recycle === true) this.destroy(slot);
        this.release(slot);
        resolve(outcome);
      };
      slot.pending = { id: job.id, interruptFlag: job.interruptFlag, settle: finish };
      signal.addEventListener("abort", onAbort, { once: true });
      void slot.ready.then(() => {
        if (slot.pending?.id !== job.id) return;
        if (signal.aborted) return onAbort();
        // Backstop for a script stuck where the interrupt handler is never polled.
        killTimer = setTimeout(() => kill("timeout", `code: timed out after ${job.timeoutMs} ms (sandbox terminated)`), job.timeoutMs + KILL_GRACE_MS);
        slot.worker.postMessage(job);
      });
    });
  }

  private acquire(tenant: string, signal: AbortSignal): Promise<Slot | undefined> {
    return new Promise((resolve) => {
      const onAbort = () => {
        const queue = this.waiting.get(tenant);
        const index = queue?.indexOf(waiter) ?? -1;
        if (queue !== undefined && index !== -1) {
          queue.splice(index, 1);
          if (queue.length === 0) this.waiting.delete(tenant);
        }
        resolve(undefined);
      };
      const waiter: Waiter = {
        tenant,
        take: (slot) => {
          signal.removeEventListener("abort", onAbort);
          resolve(slot);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const queue = this.waiting.get(tenant);
      if (queue === undefined) this.waiting.set(tenant, [waiter]);
      else queue.push(waiter);
      this.dispatch();
    });
  }

  private release(slot: Slot): void {
    if (slot.tenant !== undefined) {
      const held = (this.held.get(slot.tenant) ?? 1) - 1;
      if (held === 0) this.held.delete(slot.tenant);
      else this.held.set(slot.tenant, held);
      slot.tenant = undefined;
    }
    if (!slot.dead) this.idle.push(slot);
    this.dispatch();
  }

  /** Hands free workers to waiting jobs: tenants in turn, none past its share. */
  private dispatch(): void {
    while (this.idle.length > 0 || this.live < this.size) {
      let next: Waiter | undefined;
      for (const [tenant, queue] of this.waiting) {
        if ((this.held.get(tenant) ?? 0) >= this.maxPerTenant) continue;
        next = queue.shift();
        this.waiting.delete(tenant);
        // Back of the line: the next free worker goes to another tenant first.
        if (queue.length > 0) this.waiting.set(tenant, queue);
        break;
      }
      if (next === undefined) return;
      // A replacement for a dead worker starts only when someone is waiting for it.
      const slot = this.idle.pop() ?? this.spawn();
      slot.tenant = next.tenant;
      this.held.set(next.tenant, (this.held.get(next.tenant) ?? 0) + 1);
      next.take(slot);
    }
  }

  private spawn(): Slot {
    this.live++;
    // Stack headroom: QuickJS recursion runs on the worker's native stack, well above its own 256 KB limit.
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { stackSizeMb: 4, maxOldGenerationSizeMb: 128 } });
    worker.unref();
    let markReady: () => void = () => undefined;
    const slot: Slot = { worker, ready: new Promise<void>((resolve) => (markReady = resolve)), dead: false };
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") markReady();
      else slot.pending?.settle(message.outcome);
    });
    const fail = (message: string) => {
      const pending = slot.pending;
      this.destroy(slot);
      markReady();
      if (pending === undefined) return;
      // A job that was being aborted when its worker died was aborted, whatever killed the worker.
      if (Atomics.load(pending.interruptFlag, 0) !== 0) pending.settle({ id: pending.id, ok: false, kind: "aborted", error: { name: "AbortError", message: "code: aborted" }, logs: [] });
      else pending.settle({ id: pending.id, ok: false, kind: "internal", error: { name: "SandboxError", message }, logs: [] });
    };
    worker.on("error", (error) => fail(`code: sandbox worker failed: ${error.message}`));
    worker.on("exit", (code) => fail(`code: sandbox worker exited with code ${code}`));
    return slot;
  }

  private destroy(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.live--;
    const index = this.idle.indexOf(slot);
    if (index !== -1) this.idle.splice(index, 1);
    void slot.worker.terminate();
  }
}

function toResult(outcome: SandboxOutcome): SandboxResult {
  if (outcome.ok) {
    return { ok: true, result: outcome.resultJson === undefined ? null : (JSON.parse(outcome.resultJson) as unknown), logs: outcome.logs };
  }
  return { ok: false, kind: outcome.kind, error: outcome.error, logs: outcome.logs };
}

let shared: SandboxPool | undefined;

/** One pool per process; workers load the QuickJS wasm module once and are reused across runs. */
export function getSandboxPool(): SandboxPool {
  shared ??= new SandboxPool(Math.max(1, Math.min(4, availableParallelism())));
  return shared;
}
