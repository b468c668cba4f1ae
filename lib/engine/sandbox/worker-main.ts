import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten-core";
import type { SandboxErrorKind, SandboxJob, SandboxOutcome, WorkerMessage } from "./protocol";

type WorkerDeps = {
  port: { on(event: "message", listener: (job: SandboxJob) => void): unknown; postMessage(message: WorkerMessage): void };
  loadModule: () => Promise<QuickJSWASMModule>;
  runJob: (QuickJS: QuickJSWASMModule, job: SandboxJob) => SandboxOutcome;
};

/**
 * The body of a sandbox worker thread. It is shipped to the worker as source text
 * (`workerMain.toString()`, with `runJob` beside it), so it must be self-contained: no references
 * to anything outside this function except its parameter, only type imports above. That keeps it
 * type-checked TypeScript while needing no separate worker file for the bundler to trace.
 */
export function workerMain(deps: WorkerDeps): void {
  const modulePromise = deps.loadModule();
  void modulePromise.then(() => deps.port.postMessage({ type: "ready" }));
  deps.port.on("message", (job) => {
    void modulePromise.then((QuickJS) => deps.port.postMessage({ type: "outcome", outcome: deps.runJob(QuickJS, job) }));
  });
}

/**
 * Runs one job in a fresh QuickJS runtime and context on the calling thread: a worker's, or the
 * main thread's for the inline fast path (sandbox-pool.ts). Self-contained for the same reason as
 * workerMain: it is shipped to workers as source text.
 */
export function runJob(QuickJS: QuickJSWASMModule, job: SandboxJob): SandboxOutcome {
  const MAX_LOG_LINES = 1000;
  const MAX_STACK_CHARS = 4000;
  const MAX_MESSAGE_CHARS = 4000;
  type Failure = Extract<SandboxOutcome, { ok: false }>;

  const fail = (id: number, kind: SandboxErrorKind, error: Failure["error"], logs: string[], recycle = false): Failure => ({
    id, ok: false, kind, error, logs, ...(recycle ? { recycle } : {}),
  });

  const logs: string[] = [];
  let logBytes = 0;
  let droppedLines = 0;
  let interrupted: "timeout" | "aborted" | undefined;
  // The inline fast path counts CPU time: on a loaded machine a descheduled thread would
  // otherwise overrun a wall-clock budget without running the script at all.
  const clock = job.clock === "cpu" ? () => { const used = process.cpuUsage(); return (used.user + used.system) / 1000; } : Date.now;
  const deadline = clock() + job.timeoutMs;
  const runtime = QuickJS.newRuntime();
  const handles: QuickJSHandle[] = [];
  let vm: QuickJSContext | undefined;
  // Interruption and memory exhaustion surface as ordinary InternalErrors thrown inside the
  // script; the host-side flag and the message tell them apart from what user code threw.
  let describeError: (handle: QuickJSHandle) => Failure["error"] = () => ({ name: "Error", message: "code failed" });
  const classify = (_context: QuickJSContext, handle: QuickJSHandle, prefix = ""): Failure => {
    if (interrupted === "aborted") {
      handle.dispose();
      return fail(job.id, "aborted", { name: "AbortError", message: "code: aborted" }, logs);
    }
    if (interrupted === "timeout") {
      handle.dispose();
      return fail(job.id, "timeout", { name: "TimeoutError", message: `code: timed out after ${job.timeoutMs} ms` }, logs);
    }
    const error = describeError(handle);
    handle.dispose();
    if (error.name === "InternalError" && error.message === "out of memory") {
      return fail(job.id, "memory", { name: "MemoryLimitError", message: `code: memory limit of ${job.memoryLimitBytes} bytes exceeded` }, logs);
    }
    if (prefix !== "") return fail(job.id, "output", { name: "OutputError", message: `code: ${prefix}${error.message}` }, logs);
    return fail(job.id, error.name === "SyntaxError" ? "syntax" : "user", error, logs);
  };
  try {
    runtime.setMemoryLimit(job.memoryLimitBytes);
    runtime.setMaxStackSize(job.maxStackBytes);
    runtime.setInterruptHandler(() => {
      if (Atomics.load(job.interruptFlag, 0) !== 0) interrupted = "aborted";
      else if (clock() > deadline) interrupted = "timeout";
      return interrupted !== undefined;
    });
    const context = runtime.newContext();
    vm = context;

    // Nothing is copied out of the sandbox without its size being known first: a string's length
    // is read inside QuickJS, and only a string within the limit (or its prefix) crosses into host
    // memory, which the QuickJS memory limit does not cover. The built-ins used for that are
    // taken before user code runs, so a script replacing JSON.stringify or String.prototype.slice
    // changes nothing here.
    const intrinsics = context.unwrapResult(context.evalCode("[JSON.parse, JSON.stringify, String, String.prototype.slice]"));
    handles.push(intrinsics);
    const [parseFn, stringifyFn, stringFn, sliceFn] = [0, 1, 2, 3].map((i) => {
      const handle = context.getProp(intrinsics, i);
      handles.push(handle);
      return handle;
    }) as [QuickJSHandle, QuickJSHandle, QuickJSHandle, QuickJSHandle];
    const lengthOf = (handle: QuickJSHandle): number => {
      const length = context.getProp(handle, "length");
      const value = context.typeof(length) === "number" ? context.getNumber(length) : 0;
      length.dispose();
      return value;
    };
    /** The string in `handle`, or its first `max` characters (then `clipped`); undefined if not a string. */
    const readString = (handle: QuickJSHandle, max: number): { text: string; length: number; clipped: boolean } | undefined => {
      if (context.typeof(handle) !== "string") return undefined;
      const length = lengthOf(handle);
      if (length <= max) return { text: context.getString(handle), length, clipped: false };
      if (max <= 0) return { text: "", length, clipped: true };
      const start = context.newNumber(0);
      const end = context.newNumber(max);
      const prefix = context.callFunction(sliceFn, handle, start, end);
      start.dispose();
      end.dispose();
      if (prefix.error) {
        prefix.error.dispose();
        return { text: "", length, clipped: true };
      }
      const text = context.typeof(prefix.value) === "string" && lengthOf(prefix.value) <= max ? context.getString(prefix.value) : "";
      prefix.value.dispose();
      return { text, length, clipped: true };
    };
    /** A value as text, as console.log prints it: strings as they are, else JSON, else String(value). */
    const readText = (handle: QuickJSHandle, max: number): { text: string; length: number; clipped: boolean } => {
      if (context.typeof(handle) === "string") return readString(handle, max)!;
      for (const convert of [stringifyFn, stringFn]) {
        const converted = context.callFunction(convert, context.undefined, handle);
        if (converted.error) {
          converted.error.dispose();
          continue;
        }
        const read = readString(converted.value, max);
        converted.value.dispose();
        if (read !== undefined) return read;
      }
      return { text: "[unprintable value]", length: 19, clipped: false };
    };
    describeError = (handle: QuickJSHandle): Failure["error"] => {
      const prop = (name: string, max: number) => {
        const value = context.getProp(handle, name);
        const read = readString(value, max);
        value.dispose();
        return read === undefined ? undefined : read.clipped ? `${read.text}… (${read.length - read.text.length} more characters)` : read.text;
      };
      const message = context.typeof(handle) === "object" ? prop("message", MAX_MESSAGE_CHARS) : undefined;
      if (message !== undefined) {
        const name = prop("name", 200);
        const stack = prop("stack", MAX_STACK_CHARS);
        const error: Failure["error"] = { name: name !== undefined && name !== "" ? name : "Error", message };
        return stack === undefined ? error : { ...error, stack };
      }
      const read = readText(handle, MAX_MESSAGE_CHARS);
      return { name: "Error", message: `code threw a non-error value: ${read.text}${read.clipped ? "…" : ""}` };
    };

    // console.*: the only host function the script can reach. Output is capped so a logging loop
    // cannot grow host memory, which the QuickJS memory limit does not cover.
    const consoleObject = context.newObject();
    handles.push(consoleObject);
    for (const level of ["log", "info", "warn", "error", "debug"]) {
      const fn = context.newFunction(level, (...args) => {
        const prefix = level === "log" ? "" : `[${level}] `;
        let room = Math.min(job.maxLogBytes, job.maxLogBytes - logBytes) - prefix.length;
        if (logs.length >= MAX_LOG_LINES || room <= 0) {
          droppedLines++;
          return;
        }
        const parts: string[] = [];
        let clipped = false;
        for (const arg of args) {
          const read = readText(arg, room);
          parts.push(read.text);
          room -= read.text.length + 1;
          if (read.clipped || room <= 0) {
            clipped = args.length > 0;
            break;
          }
        }
        const line = prefix + parts.join(" ") + (clipped ? " … (truncated: log limit reached)" : "");
        logs.push(line);
        logBytes += line.length;
      });
      context.setProp(consoleObject, level, fn);
      fn.dispose();
    }
    context.setProp(context.global, "console", consoleObject);

    for (const [name, json] of Object.entries(job.globalsJson)) {
      const text = context.newString(json);
      const value = context.callFunction(parseFn, context.undefined, text);
      text.dispose();
      const valueHandle = context.unwrapResult(value);
      context.setProp(context.global, name, valueHandle);
      valueHandle.dispose();
    }

    // A script's completion value is its result; a script using top-level `return` is a syntax
    // error as a script (nothing ran), so it is run again as a function body on the same line.
    let result = context.evalCode(job.source, "code.js");
    if (result.error) {
      const first = context.getProp(result.error, "message");
      const firstMessage = readString(first, 100)?.text;
      first.dispose();
      if (firstMessage === "return not in a function") {
        result.error.dispose();
        result = context.evalCode(`(function () {${job.source}\n})()`, "code.js");
      }
    }
    if (result.error) return classify(context, result.error);
    let value = result.value;
    handles.push(value);

    // An async result (e.g. `return (async () => …)()`) settles by running the job queue; it can
    // wait for nothing outside, since the sandbox has no timers or I/O.
    const promiseState = context.getPromiseState(value);
    if (promiseState.type !== "fulfilled" || !promiseState.notAPromise) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) return classify(context, jobs.error);
      const settled = context.getPromiseState(value);
      if (settled.type === "pending") {
        return fail(job.id, "user", { name: "Error", message: "code: the returned promise never settled" }, logs);
      }
      if (settled.type === "rejected") return classify(context, settled.error);
      value = settled.value;
      handles.push(value);
    }

    const encoded = context.callFunction(stringifyFn, context.undefined, value);
    if (encoded.error) return classify(context, encoded.error, "the result is not JSON-serialisable: ");
    let resultJson: string | undefined;
    if (context.typeof(encoded.value) === "string") {
      const length = lengthOf(encoded.value);
      if (length > job.maxResultBytes) {
        encoded.value.dispose();
        return fail(job.id, "output", {
          name: "OutputError",
          message: `code: the result is ${length} characters of JSON, more than the limit of ${job.maxResultBytes}`,
        }, logs);
      }
      resultJson = context.getString(encoded.value);
    }
    encoded.value.dispose();
    return { id: job.id, ok: true, resultJson, logs };
  } catch (thrown) {
    // A host-side failure (wasm trap, host stack overflow) can leave the instance inconsistent.
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return fail(job.id, "internal", { name: "SandboxError", message: `code: sandbox failure: ${message}` }, logs, true);
  } finally {
    // Every outcome shares this `logs` array, so the marker reaches success and failure alike.
    if (droppedLines > 0) logs.push(`… ${droppedLines} more console lines dropped (log limit reached)`);
    try {
      for (const handle of handles) if (handle.alive) handle.dispose();
      vm?.dispose();
      runtime.dispose();
    } catch {
      // Disposal can only fail when the instance is already damaged; the outcome above says so.
    }
  }
}
