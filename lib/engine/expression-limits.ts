import jsonata from "jsonata";
import { LinearRegExp } from "./linear-regex";

// Bounds on what one `{{ }}` expression may do. Expressions run on the event loop that serves
// every request, so each bound keeps one expression from stalling or exhausting the process:
// - work: a budget of evaluation steps, counted as each step returns. Steps, not wall time: a
//   busy machine or a garbage collection would otherwise fail a legitimate expression that takes
//   microseconds; the wall-clock `timeout` stays as a backstop;
// - regex: RE2 (linear time), because a backtracking match is a single step the timeout never sees;
// - size: every step's result is measured on the way out (`evaluationBudget`), and the built-ins
//   that can build a large value in a single step ($string, $pad, $join) are checked before they
//   run, so a range or string bomb fails with a clear error long before the heap is at risk.
export const EXPRESSION_LIMITS = {
  /** Evaluation steps for one evaluation (a step is ~0.5-2 µs of work when the machine is not overloaded). */
  maxSteps: 30_000,
  /** Wall-time backstop for one evaluation (JSONata checks it at every step). */
  timeoutMs: 1000,
  /** Nesting depth of evaluation (recursion). */
  maxDepth: 500,
  /** Items in one sequence or array (also the longest range, `[1..n]`). */
  maxSequenceLength: 100_000,
  /** Characters in one string result. */
  maxStringLength: 4 * 1024 * 1024,
  /** Estimated bytes of all values one evaluation produces, summed over its steps. */
  evaluationBudgetBytes: 16 * 1024 * 1024,
} as const;

/** A size limit was hit; the node fails with this message. */
export class ExpressionLimitError extends Error {
  override name = "ExpressionLimitError";
}

const ITEM_BYTES = 8;
const OBJECT_BYTES = 64;

function tooLarge(what: string): never {
  throw new ExpressionLimitError(`expression result too large: ${what}`);
}

function checkString(length: number): void {
  if (length > EXPRESSION_LIMITS.maxStringLength) tooLarge(`a string of ${length} characters (limit ${EXPRESSION_LIMITS.maxStringLength})`);
}

function checkSequence(length: number): void {
  if (length > EXPRESSION_LIMITS.maxSequenceLength) tooLarge(`a sequence of ${length} items (limit ${EXPRESSION_LIMITS.maxSequenceLength})`);
}

type Environment = { base: { hookflowSpent?: number; hookflowSteps?: number } };

// Called by JSONata after every evaluation step with that step's result. Shared values are counted
// each time a step returns them: this is a budget for work done, not a measure of live memory.
function onStepExit(_expr: unknown, _input: unknown, environment: Environment, result: unknown): void {
  const base = environment.base;
  const steps = (base.hookflowSteps ?? 0) + 1;
  base.hookflowSteps = steps;
  if (steps > EXPRESSION_LIMITS.maxSteps) {
    throw new ExpressionLimitError(`expression took more than ${EXPRESSION_LIMITS.maxSteps} evaluation steps and was stopped`);
  }
  let bytes: number;
  if (typeof result === "string") {
    checkString(result.length);
    bytes = result.length;
  } else if (Array.isArray(result)) {
    checkSequence(result.length);
    bytes = result.length * ITEM_BYTES;
  } else if (typeof result === "object" && result !== null) bytes = OBJECT_BYTES;
  else return;
  const spent = (environment.base.hookflowSpent ?? 0) + bytes;
  environment.base.hookflowSpent = spent;
  if (spent > EXPRESSION_LIMITS.evaluationBudgetBytes) {
    tooLarge(`the evaluation produced more than ${EXPRESSION_LIMITS.evaluationBudgetBytes} bytes of values (limit)`);
  }
}

/** Bytes of JSON `value` would take, counting stops soon after `limit`. Shared subtrees count each time. */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const item = stack.pop();
    if (typeof item === "string") size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const child of item) stack.push(child);
    } else if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        size += key.length + 4;
        stack.push(child);
      }
      size += 2;
    } else size += 24;
  }
  return size;
}

type JsonataFunction = { _jsonata_function: true; implementation: (...args: unknown[]) => unknown; signature: unknown };
type GuardedName = "string" | "pad" | "join";

// The built-ins as JSONata defines them (with their signatures). JSONata only hands them out
// through its async evaluate, so they are read once at start-up; `expressionGuardsReady` lets the
// first evaluation wait for that.
let originals: Record<GuardedName, JsonataFunction> | undefined;
const originalsReady = (async () => {
  const read = (name: GuardedName) => jsonata(`$${name}`).evaluate(undefined) as Promise<JsonataFunction>;
  const [string, pad, join] = await Promise.all([read("string"), read("pad"), read("join")]);
  originals = { string, pad, join };
})();

/** Undefined once the built-ins the guards wrap are loaded (always, after the first evaluation). */
export function expressionGuardsReady(): Promise<void> | undefined {
  return originals === undefined ? originalsReady : undefined;
}

type Guard = { name: GuardedName; signature: string; check: (args: unknown[]) => void };

// Signatures as JSONata declares them for its built-ins (jsonata.js, staticFrame).
const GUARDS: Guard[] = [
  {
    name: "string",
    signature: "<x-b?:s>",
    check: ([value]) => {
      if (typeof value !== "string") checkString(jsonSizeUpTo(value, EXPRESSION_LIMITS.maxStringLength));
    },
  },
  {
    name: "pad",
    signature: "<s-ns?:s>",
    check: ([, width, char]) => {
      const fill = typeof char === "string" && char.length > 0 ? char.length : 1;
      if (typeof width === "number") checkString(Math.abs(width) * fill);
    },
  },
  {
    name: "join",
    signature: "<a<s>s?:s>",
    check: ([strings, separator]) => {
      if (!Array.isArray(strings)) return;
      const sep = typeof separator === "string" ? separator.length : 0;
      let length = 0;
      for (const item of strings) length += (typeof item === "string" ? item.length : 0) + sep;
      checkString(length);
    },
  },
];

function registerGuards(expression: jsonata.Expression): void {
  for (const { name, signature, check } of GUARDS) {
    expression.registerFunction(
      name,
      function (this: unknown, ...args: unknown[]) {
        check(args);
        return originals![name].implementation.apply(this, args);
      },
      signature,
    );
  }
}

const OPTIONS = {
  timeout: EXPRESSION_LIMITS.timeoutMs,
  stack: EXPRESSION_LIMITS.maxDepth,
  sequence: EXPRESSION_LIMITS.maxSequenceLength,
  RegexEngine: LinearRegExp as unknown as RegExpConstructor,
};

/** Compiles `source` with every limit above in place; throws JSONata's error or an unsupported regex. */
export function compileGuarded(source: string): jsonata.Expression {
  const expression = jsonata(source, OPTIONS);
  refuseUnsupportedRegexes(expression.ast());
  expression.assign(Symbol.for("jsonata.__evaluate_exit") as unknown as string, onStepExit);
  registerGuards(expression);
  return expression;
}

// Compiling each literal with RE2 now reports a pattern RE2 cannot run at validation.
function refuseUnsupportedRegexes(node: unknown): void {
  if (typeof node !== "object" || node === null) return;
  if (node instanceof RegExp) {
    new LinearRegExp(node);
    return;
  }
  for (const child of Object.values(node)) refuseUnsupportedRegexes(child);
}

/** JSONata's errors are plain objects; its range and sequence codes get a message saying which limit. */
export function describeLimitError(error: { code?: unknown; value?: unknown; message: string }): string {
  if (error.code === "D2014" || (error.code === "D2015" && error.value !== EXPRESSION_LIMITS.maxSequenceLength)) {
    return `range too long: ${String(error.value)} items (limit ${EXPRESSION_LIMITS.maxSequenceLength})`;
  }
  if (error.code === "D2015") return `expression result too large: a sequence of more than ${EXPRESSION_LIMITS.maxSequenceLength} items`;
  if (error.code === "D1012") return `expression took longer than ${EXPRESSION_LIMITS.timeoutMs} ms and was stopped`;
  return error.message;
}
