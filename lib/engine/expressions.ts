import type jsonata from "jsonata";
import { compileGuarded, describeLimitError, expressionGuardsReady } from "./expression-limits";
import { compileFastPath, FALL_BACK, runFastPath, type FastPath } from "./fast-path";
import { joinPath } from "./format-path";
import { isPlainObject } from "./is-plain-object";
import { parseTemplate, TemplateSyntaxError } from "./parse-template";
import type { TriggerPayload } from "./types";

// `{{ ... }}` expressions in parameter values, evaluated with JSONata (never eval/new Function).

export class ExpressionError extends Error {
  override name = "ExpressionError";
  constructor(
    readonly parameter: string,
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`Parameter "${parameter}": expression "${expression}" failed: ${reason}`);
  }
}

export type ExpressionScope = {
  /** The node's input; also JSONata's context, so `{{ customer.name }}` works like `{{ $json.customer.name }}`. */
  json: unknown;
  trigger: TriggerPayload | undefined;
  /** Output data of an earlier node; throws if that node has not run. */
  node: (id: string) => unknown;
  now: () => Date;
};

export { isPlainObject };

type CompiledExpression = { raw: string; expression: jsonata.Expression; fast: FastPath | undefined };
type CompiledTemplate =
  | { kind: "single"; expression: CompiledExpression }
  | { kind: "parts"; parts: (string | CompiledExpression)[] };

// Bounded so that many distinct workflows cannot grow memory without limit. Map keeps insertion
// order, and a hit is re-inserted, so evicting the first key is least-recently-used.
const CACHE_LIMIT = 1000;
const cache = new Map<string, CompiledTemplate>();

function compileTemplate(template: string, parameter: string): CompiledTemplate {
  const cached = cache.get(template);
  if (cached !== undefined) {
    cache.delete(template);
    cache.set(template, cached);
    return cached;
  }
  let parsed;
  try {
    parsed = parseTemplate(template);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw new ExpressionError(parameter, error.raw, error.message);
    throw error;
  }
  const parts = parsed.map((part) => {
    if (part.kind === "text") return part.text;
    try {
      return { raw: part.raw, expression: compileGuarded(part.source), fast: compileFastPath(part.source) };
    } catch (error) {
      throw new ExpressionError(parameter, part.raw, errorMessage(error));
    }
  });
  const [first] = parts;
  const compiled: CompiledTemplate =
    parts.length === 1 && first !== undefined && typeof first !== "string"
      ? { kind: "single", expression: first }
      : { kind: "parts", parts };
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(template, compiled);
  return compiled;
}

/**
 * Resolves every `{{ }}` in `value`, recursing into plain objects and arrays. A string that is
 * exactly one expression keeps the result's JSON type; otherwise results are interpolated as text.
 * Unchanged subtrees are returned by reference (no cloning when there is nothing to resolve).
 * `parameter` is the path used in error messages, e.g. "condition" or "fields.total".
 */
export async function resolveExpressions(value: unknown, scope: ExpressionScope, parameter: string): Promise<unknown> {
  if (typeof value === "string") return value.includes("{{") ? resolveString(value, scope, parameter) : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const resolved = await resolveExpressions(item, scope, joinPath(parameter, i));
      if (resolved !== item) (copy ??= value.slice())[i] = resolved;
    }
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const resolved = await resolveExpressions(item, scope, joinPath(parameter, key));
      if (resolved !== item) (copy ??= { ...value })[key] = resolved;
    }
    return copy ?? value;
  }
  return value;
}

async function resolveString(template: string, scope: ExpressionScope, parameter: string): Promise<unknown> {
  const compiled = compileTemplate(template, parameter);
  if (compiled.kind === "single") return evaluate(compiled.expression, scope, parameter);
  let text = "";
  for (const part of compiled.parts) {
    text += typeof part === "string" ? part : toText(await evaluate(part, scope, parameter));
  }
  return text;
}

async function evaluate(compiled: CompiledExpression, scope: ExpressionScope, parameter: string): Promise<unknown> {
  if (compiled.fast !== undefined) {
    const value = runFastPath(compiled.fast, scope.json, scope.trigger);
    if (value !== FALL_BACK) return value;
  }
  return evaluateWithJsonata(compiled, scope, parameter);
}

/** Exported for the fast path's equivalence test; everything else goes through `evaluate`. */
export async function evaluateWithJsonata(compiled: { raw: string; expression: jsonata.Expression }, scope: ExpressionScope, parameter: string): Promise<unknown> {
  const loading = expressionGuardsReady();
  if (loading !== undefined) await loading;
  const bindings = { json: scope.json, trigger: scope.trigger, node: scope.node, now: () => scope.now().toISOString() };
  try {
    return normalize(await compiled.expression.evaluate(scope.json, bindings));
  } catch (error) {
    throw new ExpressionError(parameter, compiled.raw, errorMessage(error));
  }
}

/** Compiles every expression in `value` without evaluating it, so validation can report syntax errors. */
export function findExpressionErrors(value: unknown, parameter: string): { parameter: string; message: string }[] {
  const issues: { parameter: string; message: string }[] = [];
  const visit = (item: unknown, path: string): void => {
    if (typeof item === "string") {
      if (!item.includes("{{")) return;
      try {
        compileTemplate(item, path);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        issues.push({ parameter: path, message: error.message });
      }
    } else if (Array.isArray(item)) item.forEach((child, i) => visit(child, joinPath(path, i)));
    else if (isPlainObject(item)) for (const key of Object.keys(item)) visit(item[key], joinPath(path, key));
  };
  visit(value, parameter);
  return issues;
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// JSONata builds objects with a null prototype and arrays flagged `sequence: true`; turn them into
// plain JSON so node data compares, serialises and persists like any other. Plain objects are not
// entered: they come from node data, which is already plain, so large inputs are not re-walked.
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = normalize(item);
    return out;
  }
  return value;
}

function errorMessage(error: unknown): string {
  // JSONata throws plain objects ({ code, message, position }), not Error instances.
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return describeLimitError(error as { message: string });
  }
  return String(error);
}
