import { findExpressionErrors, resolveExpressions, type ExpressionScope } from "@/lib/engine/expressions";
import type { ExecutionDetail, TriggerRequest } from "@/components/data/api-types";
import type { Draft } from "./definition-ops";

// The data an expression field is previewed against: what the selected node received and what
// earlier nodes produced in a saved run (the workflow's last execution). The preview runs the
// engine's own evaluator, so it shows exactly what a run would compute from that data.

/** `missingInput` names the parent whose output (this node's input) the sample run does not have. */
export type NodeSample = { json: unknown; trigger: TriggerRequest | null; outputs: Record<string, unknown>; missingInput?: string };

export type Suggestion = { path: string; preview: string };

/** The sample for `nodeId`: its recorded input, or for a node added since, its first parent's output. */
export function sampleFor(execution: ExecutionDetail | null, draft: Draft, nodeId: string): NodeSample | null {
  if (!execution) return null;
  const outputs: Record<string, unknown> = {};
  for (const run of execution.nodes) outputs[run.nodeId] = run.output;
  const own = execution.nodes.find((r) => r.nodeId === nodeId);
  const parent = draft.connections.find((c) => c.to === nodeId)?.from;
  if (own) return { json: own.input, trigger: execution.trigger, outputs };
  if (parent !== undefined && parent in outputs) return { json: outputs[parent], trigger: execution.trigger, outputs };
  // Added since that run (or after a node that did not run): its input is not known, only $trigger and earlier outputs are.
  return { json: undefined, trigger: execution.trigger, outputs, missingInput: parent };
}

const MAX_DEPTH = 4;
const MAX_PATHS = 300;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function preview(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function walk(prefix: string, value: unknown, depth: number, out: Suggestion[]) {
  if (out.length >= MAX_PATHS) return;
  out.push({ path: prefix, preview: preview(value) });
  if (depth >= MAX_DEPTH || !value || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    // Keys JSONata cannot read bare are quoted with backticks, as JSONata writes them.
    walk(`${prefix}.${NAME.test(key) ? key : `\`${key}\``}`, child, depth + 1, out);
  }
}

/** Every path of the sample an expression can name: `$json…`, `$trigger…`, `$node("id")…`. */
export function suggestionsFor(sample: NodeSample | null): Suggestion[] {
  if (!sample) return [];
  const out: Suggestion[] = [];
  if (sample.json !== undefined) walk("$json", sample.json, 0, out);
  if (sample.trigger) walk("$trigger", sample.trigger, 0, out);
  for (const [id, output] of Object.entries(sample.outputs)) walk(`$node(${JSON.stringify(id)})`, output, 0, out);
  return out;
}

/** The word being typed before the caret, if it looks like the start of a path. */
export function wordBefore(text: string, caret: number): { start: number; word: string } | null {
  const match = /(\$[A-Za-z0-9_.`"()-]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[1]!.length, word: match[1]! } : null;
}

/** Replaces the word before the caret with `path`; outside `{{ }}` the path is wrapped in one. */
export function insertSuggestion(text: string, caret: number, path: string): { text: string; caret: number } {
  const word = wordBefore(text, caret);
  const start = word?.start ?? caret;
  const open = text.lastIndexOf("{{", start);
  const inside = open !== -1 && text.lastIndexOf("}}", start) < open;
  const insert = inside ? path : `{{ ${path} }}`;
  const next = text.slice(0, start) + insert + text.slice(caret);
  return { text: next, caret: start + insert.length };
}

export type Preview = { kind: "none" } | { kind: "error"; message: string } | { kind: "value"; text: string } | { kind: "noSample"; reason: string };

/** Syntax problems are known without any data; the value needs a sample. */
export function syntaxError(text: string): string | null {
  if (!text.includes("{{")) return null;
  const [problem] = findExpressionErrors(text, "value");
  return problem ? problem.message.replace(/^Parameter "value": /, "") : null;
}

export async function previewExpression(text: string, sample: NodeSample | null): Promise<Preview> {
  if (!text.includes("{{")) return { kind: "none" };
  const problem = syntaxError(text);
  if (problem) return { kind: "error", message: problem };
  if (!sample) return { kind: "noSample", reason: "No run yet to preview with: send a test request." };
  const scope: ExpressionScope = {
    json: sample.json,
    trigger: (sample.trigger ?? undefined) as ExpressionScope["trigger"],
    node: (id) => {
      if (!(id in sample.outputs)) throw new Error(`node "${id}" did not run in the sample execution`);
      return sample.outputs[id];
    },
    now: () => new Date(),
  };
  try {
    const value = await resolveExpressions(text, scope, "value");
    if (value === undefined && sample.missingInput !== undefined) return { kind: "noSample", reason: `"${sample.missingInput}" has not run in the last execution: save and send a request to preview with its output.` };
    return { kind: "value", text: value === undefined ? "undefined (no such field in the sample)" : JSON.stringify(value) };
  } catch (error) {
    return { kind: "error", message: (error instanceof Error ? error.message : String(error)).replace(/^Parameter "value": /, "") };
  }
}
