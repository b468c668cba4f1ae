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
  type Failure = Extract<SandboxOutcome, { ok: false }>;

  const fail = (id: number, kind: SandboxErrorKind, error: Failure["error"], logs: string[], recycle = false): Failure => ({
    id, ok: false, kind, error, logs, ...(recycle ? { recycle } : {}),
  });

  const clip = (text: string | undefined): string | undefined =>
    text === undefined || text.length <= MAX_STACK_CHARS ? text : `${text.slice(0, MAX_STACK_CHARS)}\n    … (stack truncated)`;

  const describeError = (vm: QuickJSContext, handle: QuickJSHandle): Failure["error"] => {
    const dumped: unknown = vm.dump(handle);
    if (typeof dumped === "object" && dumped !== null && typeof (dumped as { message?: unknown }).message === "string") {
      const { name, message, stack } = dumped as { name?: unknown; message: string; stack?: unknown };
      const error: Failure["error"] = { name: typeof name === "string" && name !== "" ? name : "Error", message };
      const clipped = clip(typeof stack === "string" ? stack : undefined);
      return clipped === undefined ? error : { ...error, stack: clipped };
    }
    let text: string;
    try {
      text = typeof dumped === "string" ? dumped : (JSON.stringify(dumped) ?? String(dumped));
    } catch {
      text = String(dumped);
    }
    return { name: "Error", message: `code threw a non-error value: ${text}` };
  };

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
  const classify = (context: QuickJSContext, handle: QuickJSHandle, prefix = ""): Failure => {
    const error = describeError(context, handle);
    handle.dispose();
    if (interrupted === "aborted") return fail(job.id, "aborted", { name: "AbortError", message: "code: aborted" }, logs);
    if (interrupted === "timeout") {
      return fail(job.id, "timeout", { name: "TimeoutError", message: `code: timed out after ${job.timeoutMs} ms` }, logs);
    }
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

    // console.*: the only host function the script can reach. Output is capped so a logging loop
    // cannot grow host memory, which the QuickJS memory limit does not cover.
    const consoleObject = context.newObject();
    handles.push(consoleObject);
    for (const level of ["log", "info", "warn", "error", "debug"]) {
      const fn = context.newFunction(level, (...args) => {
        const parts = args.map((arg) => {
          if (context.typeof(arg) === "string") return context.getString(arg);
          const value: unknown = context.dump(arg);
          try {
            return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
          } catch {
            return String(value);
          }
        });
        const line = (level === "log" ? "" : `[${level}] `) + parts.join(" ");
        if (logs.length >= MAX_LOG_LINES || logBytes + line.length > job.maxLogBytes) droppedLines++;
        else {
          logs.push(line);
          logBytes += line.length;
        }
      });
      context.setProp(consoleObject, level, fn);
      fn.dispose();
    }
    context.setProp(context.global, "console", consoleObject);

    // One parse function for every global: compiling it is a measurable part of a short run.
    const parseFn = context.unwrapResult(context.evalCode("(t) => JSON.parse(t)"));
    handles.push(parseFn);
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
      const first: unknown = context.dump(result.error);
      if (typeof first === "object" && first !== null && (first as { message?: unknown }).message === "return not in a function") {
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

    const stringify = context.unwrapResult(context.evalCode("(v) => JSON.stringify(v)"));
    handles.push(stringify);
    const encoded = context.callFunction(stringify, context.undefined, value);
    if (encoded.error) return classify(context, encoded.error, "the result is not JSON-serialisable: ");
    const resultJson = context.typeof(encoded.value) === "string" ? context.getString(encoded.value) : undefined;
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
