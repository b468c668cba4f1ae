import { describe, expect, it } from "vitest";
import { runWorkflow } from "../run-workflow";
import { INLINE_BUDGET_MS, SandboxPool } from "../sandbox/sandbox-pool";
import { triggerPayload, validated } from "../test-support";

// Runs webhook → code through the real registry and runner.
async function runCode(parameters: Record<string, unknown>, body: unknown = {}, signal?: AbortSignal) {
  const workflow = validated({
    nodes: [
      { id: "hook", type: "webhook", parameters: {} },
      { id: "code", type: "code", parameters },
    ],
    connections: [{ from: "hook", to: "code" }],
  });
  const result = await runWorkflow(workflow, { triggerNodeId: "hook", trigger: triggerPayload(body), ...(signal ? { signal } : {}) });
  const node = result.nodeResults.find((r) => r.nodeId === "code");
  return { result, node };
}

const pool = new SandboxPool(1);
const run = (source: string, extra: Partial<Parameters<SandboxPool["run"]>[0]> = {}, signal = new AbortController().signal) =>
  pool.run({ source, globals: { $json: { n: 1 } }, timeoutMs: 1000, memoryLimitBytes: 32 * 1024 * 1024, ...extra }, signal);

describe("code node", () => {
  it("returns transformed JSON from the last statement, with $json and $trigger", async () => {
    const { result, node } = await runCode({ source: "const items = $json.body.items; ({ total: items.reduce((a, b) => a + b, 0), method: $trigger.method })" }, { items: [1, 2, 3] });
    expect(result.status).toBe("completed");
    expect(node?.data).toEqual({ total: 6, method: "POST" });
  });

  it("supports an explicit top-level return and keeps line numbers for errors", async () => {
    expect(await run("if ($json.n > 0) return { positive: true };\nreturn null")).toMatchObject({ ok: true, result: { positive: true } });
    const failed = await run("const x = 1;\nreturn x.y.z");
    expect(failed).toMatchObject({ ok: false, kind: "user", error: { name: "TypeError" } });
    expect(!failed.ok && failed.error.stack).toContain("code.js:2");
  });

  it("settles an async result and maps undefined to null", async () => {
    expect(await run("return (async () => { await null; return [1, 2]; })()")).toMatchObject({ ok: true, result: [1, 2] });
    expect(await run("let x = 1;")).toMatchObject({ ok: true, result: null });
  });

  it("captures console output beside the data", async () => {
    const outcome = await run('console.log("hello", { a: 1 }, 2); console.warn("careful"); 42');
    expect(outcome).toEqual({ ok: true, result: 42, logs: ['hello {"a":1} 2', "[warn] careful"] });
    const { node } = await runCode({ source: 'console.log("from node"); 1' });
    expect(node?.data).toBe(1);
  });

  it("caps console output instead of growing host memory", async () => {
    const outcome = await run('for (let i = 0; i < 5000; i++) console.log("line " + i); "done"', { maxLogBytes: 100 });
    expect(outcome.ok).toBe(true);
    expect(outcome.logs.length).toBeLessThan(30);
    expect(outcome.logs.at(-1)).toMatch(/more console lines dropped/);
  });

  it("reports a syntax error", async () => {
    const { result, node } = await runCode({ source: "let = ;" });
    expect(result.status).toBe("failed");
    expect(node?.error?.name).toBe("SyntaxError");
  });

  it("fails with the user's error name, message and stack", async () => {
    const { node } = await runCode({ source: "function check() { throw new RangeError('too big') }\ncheck()" });
    expect(node?.error).toMatchObject({ name: "RangeError", message: "too big" });
    expect(node?.error?.stack).toContain("at check (code.js:1");
    expect((await run("throw 'plain'")).ok).toBe(false);
  });

  it("fails a result that is not JSON", async () => {
    expect(await run("const a = {}; a.self = a; a")).toMatchObject({ ok: false, kind: "output" });
  });

  it.each([
    ["process.exit()", /process/],
    ['require("fs")', /require/],
    ['this.constructor.constructor("return process")()', /process/],
    ["fetch('http://example.com')", /fetch/],
    ["new XMLHttpRequest()", /XMLHttpRequest/],
    ["setTimeout(() => 1, 0)", /setTimeout/],
  ])("keeps %s from reaching the host", async (source, message) => {
    const outcome = await run(source);
    expect(outcome).toMatchObject({ ok: false, kind: "user", error: { name: "ReferenceError" } });
    expect(!outcome.ok && outcome.error.message).toMatch(message);
    expect(await run("typeof process + typeof require + typeof fetch + typeof XMLHttpRequest")).toMatchObject({ result: "undefinedundefinedundefinedundefined" });
  });

  it("times out an infinite loop and the next run still works", async () => {
    const { result, node } = await runCode({ source: "while (true) {}", timeoutMs: 200 });
    expect(result.status).toBe("failed");
    expect(node?.error).toMatchObject({ name: "TimeoutError", message: "code: timed out after 200 ms" });
    expect((await runCode({ source: "1 + 1" })).node?.data).toBe(2);
  });

  it("stops a memory bomb at the memory limit", async () => {
    // QuickJS collects garbage on nearly every allocation close to the limit, so a bomb reaches it
    // sooner with a small limit; with a large one the time limit may stop it first.
    const outcome = await run("let a = []; while (true) a.push(new Array(1e6).fill(1))", { memoryLimitBytes: 8 * 1024 * 1024, timeoutMs: 3000 });
    expect(outcome).toMatchObject({ ok: false, kind: "memory", error: { name: "MemoryLimitError" } });
    expect(await run("[1, 2].map((x) => x * 2)")).toMatchObject({ ok: true, result: [2, 4] });
  });

  it("stops unbounded recursion at the stack limit", async () => {
    // QuickJS's own limit answers as a catchable script error; without it the host stack overflows instead.
    const outcome = await run("function f() { return f() + 1 } f()");
    expect(outcome).toMatchObject({ ok: false, kind: "user", error: { name: "InternalError", message: "stack overflow" } });
    expect(await run("'still alive'")).toMatchObject({ ok: true, result: "still alive" });
  });

  it("aborts a script mid-infinite-loop when the signal fires", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const outcome = await run("while (true) {}", { timeoutMs: 20_000 }, controller.signal);
    expect(outcome).toMatchObject({ ok: false, kind: "aborted" });
    // Without the abort it would run for 20 s; a generous bound only shows it did not.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await run("'after abort'")).toMatchObject({ ok: true, result: "after abort" });
  });

  it("gives each run a fresh context", async () => {
    await run("globalThis.leak = 'secret'; Object.prototype.polluted = 1; 0");
    expect(await run("[typeof leak, ({}).polluted]")).toMatchObject({ ok: true, result: ["undefined", null] });
  });

  it("does not grow memory without bound over many runs", async () => {
    const source = "const big = new Array(100000).fill($json.n); console.log('x'); big.length";
    for (let i = 0; i < 50; i++) await run(source);
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 500; i++) {
      const outcome = await run(source);
      if (!outcome.ok) throw new Error(outcome.error.message);
    }
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    // One leaked 32 MB-capped runtime per run would be gigabytes; the noise floor is a few MB.
    expect(grownMb).toBeLessThan(100);
    // 550 runs: seconds on a machine shared with builds and other test runs. It checks memory, not speed.
  }, 60_000);
});

describe("code sandbox: inline fast path and worker fallback", () => {
  const workersOnly = new SandboxPool(1, false);
  const viaWorker = (source: string, extra: Partial<Parameters<SandboxPool["run"]>[0]> = {}) =>
    workersOnly.run({ source, globals: { $json: { n: 1 } }, timeoutMs: 1000, memoryLimitBytes: 32 * 1024 * 1024, ...extra }, new AbortController().signal);

  it("gives the same answers in a worker as inline", async () => {
    const sources = ["return { doubled: $json.n * 2 }", 'console.log("hi"); 7', "const x = 1;\nreturn x.y.z", "let = ;"];
    const [inlineBefore, workerBefore] = [{ ...pool.runs }, { ...workersOnly.runs }];
    for (const source of sources) {
      expect(await viaWorker(source)).toEqual(await run(source));
    }
    // Each side took the path it names: the workers-only pool never ran inline, the other never left the thread.
    expect(workersOnly.runs).toEqual({ inline: workerBefore.inline, worker: workerBefore.worker + sources.length });
    expect(pool.runs).toEqual({ inline: inlineBefore.inline + sources.length, worker: inlineBefore.worker });
  });

  it("runs a script past the inline budget again in a worker, with its full time limit", async () => {
    // Busy for 10 inline budgets of wall time: inline it is interrupted, in a worker it completes. The
    // budget counts CPU time, so the margin keeps a thread that gets a third of a core over it.
    const source = `const end = Date.now() + ${10 * INLINE_BUDGET_MS}; let spins = 0; while (Date.now() < end) spins++; console.log("done"); "finished"`;
    const first = { ...pool.runs };
    expect(await run(source, { timeoutMs: 2000 })).toEqual({ ok: true, result: "finished", logs: ["done"] });
    expect(pool.runs).toEqual({ inline: first.inline + 1, worker: first.worker + 1 });
    // Remembered as slow: straight to a worker (no inline try this time), same answer.
    expect(await run(source, { timeoutMs: 2000 })).toEqual({ ok: true, result: "finished", logs: ["done"] });
    expect(pool.runs).toEqual({ inline: first.inline + 1, worker: first.worker + 2 });
  });

  it("keeps a time limit below the inline budget exact", async () => {
    expect(await run("while (true) {}", { timeoutMs: 5 })).toMatchObject({ ok: false, kind: "timeout", error: { message: "code: timed out after 5 ms" } });
  });
});
