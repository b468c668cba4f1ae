import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { SandboxErrorKind, SandboxJob, SandboxOutcome, WorkerMessage } from "./protocol";
import { workerMain } from "./worker-main";

// User code runs in worker threads, not on the main thread: a script spinning for its whole time
// limit must not stall other webhooks, and an abort (run cancelled) must be able to reach a script
// that never yields. The abort travels through shared memory that QuickJS's interrupt handler
// polls; if the worker does not answer within a grace period it is terminated and replaced.

// The worker is started from source text; the packages are resolved by name from the working
// directory (next.config must list them in serverExternalPackages so they ship unbundled).
const WORKER_SOURCE = `"use strict";
var __name = (fn) => fn; // esbuild keepNames helper, in case the transpiled function references it
const { parentPort } = require("node:worker_threads");
const core = require("quickjs-emscripten-core");
const variantModule = require("@jitl/quickjs-singlefile-cjs-release-sync");
const variant = variantModule.default ?? variantModule;
(${workerMain.toString()})({ port: parentPort, loadModule: () => core.newQuickJSWASMModuleFromVariant(variant) });
`;

/** Extra time a worker gets past its deadline (or after an abort) before it is terminated. */
const KILL_GRACE_MS = 1000;
const ABORT_GRACE_MS = 250;

export type SandboxRequest = {
  source: string;
  /** Global names → JSON values; each is JSON-encoded here and parsed inside the sandbox. */
  globals: Record<string, unknown>;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes?: number;
  maxLogBytes?: number;
};

export type SandboxResult =
  | { ok: true; result: unknown; logs: string[] }
  | { ok: false; kind: SandboxErrorKind; error: { name: string; message: string; stack?: string }; logs: string[] };

type Pending = { id: number; interruptFlag: Int32Array; settle: (outcome: SandboxOutcome) => void };
type Slot = { worker: Worker; ready: Promise<void>; pending?: Pending; dead: boolean };

export class SandboxPool {
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private live = 0;
  private nextId = 1;

  constructor(private readonly size: number) {}

  async run(request: SandboxRequest, signal: AbortSignal): Promise<SandboxResult> {
    const aborted: SandboxResult = { ok: false, kind: "aborted", error: { name: "AbortError", message: "code: aborted" }, logs: [] };
    if (signal.aborted) return aborted;
    const globalsJson: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.globals)) globalsJson[name] = JSON.stringify(value ?? null);

    const slot = await this.acquire(signal);
    if (slot === undefined) return aborted;
    const job: SandboxJob = {
      id: this.nextId++,
      source: request.source,
      globalsJson,
      timeoutMs: request.timeoutMs,
      memoryLimitBytes: request.memoryLimitBytes,
      maxStackBytes: request.maxStackBytes ?? 256 * 1024,
      maxLogBytes: request.maxLogBytes ?? 64 * 1024,
      interruptFlag: new Int32Array(new SharedArrayBuffer(4)),
    };
    const outcome = await this.execute(slot, job, signal);
    if (outcome.ok) {
      return { ok: true, result: outcome.resultJson === undefined ? null : (JSON.parse(outcome.resultJson) as unknown), logs: outcome.logs };
    }
    return { ok: false, kind: outcome.kind, error: outcome.error, logs: outcome.logs };
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

  private acquire(signal: AbortSignal): Promise<Slot | undefined> {
    const free = this.idle.pop();
    if (free !== undefined) return Promise.resolve(free);
    if (this.live < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(take);
        if (index !== -1) this.waiting.splice(index, 1);
        resolve(undefined);
      };
      const take = (slot: Slot) => {
        signal.removeEventListener("abort", onAbort);
        resolve(slot);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(take);
    });
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (slot.dead) {
      // A replacement keeps the queue moving; it starts only when someone is waiting for it.
      if (next !== undefined) next(this.spawn());
      return;
    }
    if (next !== undefined) next(slot);
    else this.idle.push(slot);
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
      pending?.settle({ id: pending.id, ok: false, kind: "internal", error: { name: "SandboxError", message }, logs: [] });
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

let shared: SandboxPool | undefined;

/** One pool per process; workers load the QuickJS wasm module once and are reused across runs. */
export function getSandboxPool(): SandboxPool {
  shared ??= new SandboxPool(Math.max(1, Math.min(4, availableParallelism())));
  return shared;
}
