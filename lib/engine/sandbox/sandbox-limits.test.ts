import { newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSWASMModule } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-singlefile-cjs-release-sync";
import { beforeAll, describe, expect, it } from "vitest";
import { clampStoredCodeMemory } from "../nodes/code";
import { validateWorkflow } from "../validate-workflow";
import type { SandboxJob } from "./protocol";
import { maxSandboxMemoryBytes, SANDBOX_LIMITS } from "./sandbox-limits";
import { runJob } from "./worker-main";

const MB = 1024 * 1024;

// A QuickJS module whose contexts record the longest string copied into host memory.
let copiedMax = 0;
let quickjs: QuickJSWASMModule;
beforeAll(async () => {
  const real = await newQuickJSWASMModuleFromVariant(variant);
  quickjs = Object.create(real) as QuickJSWASMModule;
  quickjs.newRuntime = (...args) => {
    const runtime = real.newRuntime(...args);
    const newContext = runtime.newContext.bind(runtime);
    runtime.newContext = (...contextArgs) => {
      const context: QuickJSContext = newContext(...contextArgs);
      const getString = context.getString.bind(context);
      context.getString = (handle) => {
        const text = getString(handle);
        copiedMax = Math.max(copiedMax, text.length);
        return text;
      };
      return context;
    };
    return runtime;
  };
});

function job(source: string, extra: Partial<SandboxJob> = {}): SandboxJob {
  return {
    id: 1,
    source,
    globalsJson: {},
    timeoutMs: 10_000,
    memoryLimitBytes: 128 * MB,
    maxStackBytes: 256 * 1024,
    maxLogBytes: 64 * 1024,
    maxResultBytes: 1 * MB,
    interruptFlag: new Int32Array(1),
    ...extra,
  };
}

function run(source: string, extra: Partial<SandboxJob> = {}) {
  copiedMax = 0;
  const outcome = runJob(quickjs, job(source, extra));
  return { outcome, copiedMax };
}

describe("sandbox output is sized inside QuickJS before it is copied", () => {
  it("fails a result larger than maxResultBytes without copying it", () => {
    const { outcome, copiedMax } = run('"x".repeat(20 * 1024 * 1024)');
    expect(outcome).toMatchObject({ ok: false, kind: "output", error: { name: "OutputError", message: `code: the result is ${20 * MB + 2} characters of JSON, more than the limit of ${MB}` } });
    expect(copiedMax).toBeLessThan(64 * 1024);
  });

  it("keeps a result within the limit", () => {
    const { outcome } = run("({ items: [1, 2, 3], name: 'x'.repeat(1000) })");
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.ok && JSON.parse(outcome.resultJson!)).toEqual({ items: [1, 2, 3], name: "x".repeat(1000) });
  });

  it("copies at most the log limit of console arguments, however many and large", () => {
    const { outcome, copiedMax } = run('const big = "y".repeat(8 * 1024 * 1024); for (let i = 0; i < 3; i++) console.log(...Array(60).fill(big)); console.log({ big }); "done"');
    expect(outcome.ok).toBe(true);
    expect(copiedMax).toBeLessThanOrEqual(64 * 1024);
    expect(outcome.logs[0]).toMatch(/^y+ … \(truncated: log limit reached\)$/);
    expect(outcome.logs.join("").length).toBeLessThan(64 * 1024 + 200);
    expect(outcome.logs.at(-1)).toBe("… 3 more console lines dropped (log limit reached)");
  });

  it("formats console arguments as before: strings, JSON, then String()", () => {
    const { outcome } = run('console.log("a", { b: 1 }, undefined, 2, Symbol("s")); console.warn("w"); const c = {}; c.c = c; console.error(c); 0');
    expect(outcome.logs).toEqual(['a {"b":1} undefined 2 Symbol(s)', "[warn] w", "[error] [object Object]"]);
  });

  it("is not fooled by a script that replaces JSON.stringify or String.prototype.slice", () => {
    const { outcome, copiedMax } = run('JSON.stringify = () => "z".repeat(8 * 1024 * 1024); String.prototype.slice = function () { return this; }; console.log({}); ({ a: 1 })');
    expect(outcome).toMatchObject({ ok: true, resultJson: '{"a":1}' });
    expect(copiedMax).toBeLessThanOrEqual(64 * 1024);
  });

  it("clips a huge error message and a huge thrown value", () => {
    const thrown = run('throw new Error("m".repeat(8 * 1024 * 1024))');
    expect(thrown.outcome).toMatchObject({ ok: false, kind: "user", error: { name: "Error" } });
    expect(!thrown.outcome.ok && thrown.outcome.error.message).toMatch(/^m{4000}… \(8384608 more characters\)$/);
    expect(thrown.copiedMax).toBeLessThan(64 * 1024);
    const value = run('throw { payload: "p".repeat(8 * 1024 * 1024) }');
    expect(!value.outcome.ok && value.outcome.error.message).toMatch(/^code threw a non-error value: \{"payload":"p+…$/);
    expect(value.copiedMax).toBeLessThan(64 * 1024);
  });
});

describe("memoryLimitBytes is capped to what the host can hold", () => {
  it("derives the cap from the heap limit: half of it, between 32 MB and 256 MB", () => {
    expect(maxSandboxMemoryBytes(200 * MB)).toBe(100 * MB);
    expect(maxSandboxMemoryBytes(4096 * MB)).toBe(256 * MB);
    expect(maxSandboxMemoryBytes(40 * MB)).toBe(32 * MB);
  });

  it("refuses a code node asking for more, naming the field", () => {
    const checked = validateWorkflow({
      nodes: [
        { id: "hook", type: "webhook", parameters: { path: "p" } },
        { id: "code", type: "code", parameters: { source: "1", memoryLimitBytes: SANDBOX_LIMITS.maxMemoryLimitBytes + 1 } },
      ],
      connections: [{ from: "hook", to: "code" }],
    });
    expect(checked.ok).toBe(false);
    const issue = !checked.ok ? checked.issues.find((i) => i.path.includes("memoryLimitBytes")) : undefined;
    expect(issue?.message).toMatch(`memoryLimitBytes must be at most ${SANDBOX_LIMITS.maxMemoryLimitBytes} bytes`);
  });

  it("runs a stored version that asked for more with this server's cap instead of failing it", () => {
    const definition = {
      nodes: [
        { id: "hook", type: "webhook", parameters: { path: "p" } },
        { id: "code", type: "code", parameters: { source: "1", memoryLimitBytes: SANDBOX_LIMITS.maxMemoryLimitBytes + MB } },
      ],
      connections: [{ from: "hook", to: "code" }],
    };
    const checked = validateWorkflow({ ...definition, nodes: clampStoredCodeMemory(definition.nodes) });
    expect(checked.ok).toBe(true);
    const code = checked.ok ? checked.workflow.nodes.find((n) => n.id === "code") : undefined;
    expect((code?.parameters as { memoryLimitBytes: number }).memoryLimitBytes).toBe(SANDBOX_LIMITS.maxMemoryLimitBytes);
  });
});
