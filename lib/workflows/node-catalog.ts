import { z } from "zod";
import { NODE_HANDLERS, type NodeType } from "@/lib/engine/nodes/registry";
import { nodeSettingsSchema } from "@/lib/engine/node-settings";
import type { JsonSchema, NodeCatalog, NodeCatalogEntry, NodeOutputs } from "./node-catalog-types";

// What the builder knows about node types, derived from the engine's registry: the palette and the
// forms are generated from this, so a node type added to the registry appears with its form and no
// UI change. Only presentation (label, group, example) is written here; `Record<NodeType, …>`
// makes a new node type a compile error until it has them.

type Presentation = {
  label: string;
  group: string;
  description: string;
  example: Record<string, unknown>;
  /** Parameters edited in a code editor rather than a text box. */
  codeParameters?: string[];
  /** Offers "run with sample input" (POST /api/workflows/:id/run-code). */
  sampleRun?: boolean;
};

const PRESENTATION: Record<NodeType, Presentation> = {
  webhook: { label: "Webhook", group: "Triggers", description: "Starts a run when its URL is called", example: { path: "shop/orders", methods: ["POST"], responseMode: "respondNode", auth: { type: "header", headerName: "X-Shop-Secret" } } },
  set: { label: "Set fields", group: "Transform", description: "Assign or remove fields", example: { fields: { orderId: "{{ $json.body.orderId }}", amount: "{{ $json.body.amount }}" }, remove: [], keepInput: false } },
  code: { label: "Code", group: "Transform", description: "Your JavaScript in a sandbox", example: { source: "return { total: $json.amount * 2 };", timeoutMs: 1000, vars: {} }, codeParameters: ["source"], sampleRun: true },
  if: { label: "If", group: "Flow", description: "Branch on a condition: true / false", example: { condition: "{{ $json.amount >= 100 }}" } },
  switch: { label: "Switch", group: "Flow", description: "First matching rule wins, else fallback", example: { rules: [{ condition: "{{ $json.tier = 'gold' }}", label: "gold" }, { condition: "{{ $json.amount > 10 }}" }] } },
  merge: { label: "Merge", group: "Flow", description: "Join branches", example: { mode: "mergeByKey", key: "id" } },
  wait: { label: "Wait", group: "Flow", description: "Pause for a while", example: { ms: 500 } },
  noop: { label: "No operation", group: "Flow", description: "Passes its input on", example: {} },
  respond: { label: "Respond", group: "Output", description: "The webhook's answer", example: { status: 200, headers: { "x-tier": "gold" }, body: { ok: true } } },
  stopAndError: { label: "Stop and error", group: "Output", description: "Fail the run with a message", example: { message: "Order {{ $json.orderId }} rejected" } },
  httpRequest: { label: "HTTP request", group: "Output", description: "Call another service", example: { method: "POST", url: "https://example.com/hook", headers: { "x-source": "hookflow" }, query: {}, timeoutMs: 10000, responseType: "auto", maxResponseBytes: 1048576, failOnHttpError: true } },
};

// A node whose outputs depend on its parameters exposes a function; the browser cannot run it, so
// the known shape (one output per item of an array parameter, plus extras) is described as data.
const DYNAMIC_OUTPUTS: Partial<Record<NodeType, NodeOutputs>> = {
  switch: { kind: "perItem", parameter: "rules", extra: ["fallback"] },
};

function toJsonSchema(schema: z.ZodType): JsonSchema {
  // "input": what a user may write (defaults optional); refinements and transforms it cannot express
  // are left out rather than failing, the server still validates with the real schema.
  const input = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  // A property checked before it is parsed (`z.unknown().superRefine().pipe(record)`) has no input
  // shape; its output shape says what it holds.
  const output = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
  if (!input.properties) return input;
  const properties = Object.fromEntries(
    Object.entries(input.properties).map(([key, property]) => [key, Object.keys(property).length === 0 && output.properties?.[key] ? output.properties[key] : property]),
  );
  return { ...input, properties };
}

function outputsOf(type: NodeType): NodeOutputs {
  const handler = NODE_HANDLERS[type];
  if (typeof handler.outputs === "function") return DYNAMIC_OUTPUTS[type] ?? { kind: "static", names: ["main"] };
  return { kind: "static", names: [...handler.outputs] };
}

let cached: NodeCatalog | undefined;

export function nodeCatalog(): NodeCatalog {
  if (cached) return cached;
  const types = Object.keys(NODE_HANDLERS) as NodeType[];
  const nodes = types.map((type): NodeCatalogEntry => {
    const handler = NODE_HANDLERS[type];
    const { label, group, description, example, codeParameters = [], sampleRun = false } = PRESENTATION[type];
    return {
      type,
      label,
      group,
      description,
      example,
      codeParameters,
      sampleRun,
      isTrigger: "isTrigger" in handler && handler.isTrigger === true,
      outputs: outputsOf(type),
      parameters: toJsonSchema(handler.parameters),
      expressionParameters: [...(handler.expressionParameters ?? []), ...(("lazyExpressionParameters" in handler ? handler.lazyExpressionParameters : undefined) ?? [])].map(String),
    };
  });
  cached = { nodes, settings: toJsonSchema(nodeSettingsSchema) };
  return cached;
}
