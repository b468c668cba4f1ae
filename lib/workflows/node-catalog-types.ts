// Shapes of the node catalog, shared by the server that derives it and the builder that reads it.
// Kept apart from node-catalog.ts so the browser bundle never imports the engine's registry.

/** The subset of JSON Schema (draft 2020-12, as zod's toJSONSchema writes it) the forms read. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  description?: string;
};

export type NodeOutputs = { kind: "static"; names: string[] } | { kind: "perItem"; parameter: string; extra: string[] };

export type NodeCatalogEntry = {
  type: string;
  label: string;
  group: string;
  description: string;
  example: Record<string, unknown>;
  /** Parameters edited as JavaScript in a code editor. */
  codeParameters: string[];
  /** The builder offers "run with sample input" for this node type. */
  sampleRun: boolean;
  isTrigger: boolean;
  outputs: NodeOutputs;
  parameters: JsonSchema;
  /** Parameters whose strings may hold `{{ }}` expressions (the fields get the expression editor). */
  expressionParameters: string[];
};

export type NodeCatalog = { nodes: NodeCatalogEntry[]; settings: JsonSchema };

/** The output names a node of this entry has, given its parameters. */
export function outputNames(entry: NodeCatalogEntry | undefined, parameters: Record<string, unknown>): string[] {
  if (!entry) return ["main"];
  if (entry.outputs.kind === "static") return entry.outputs.names;
  const items = parameters[entry.outputs.parameter];
  return [...(Array.isArray(items) ? items.map((_, i) => String(i)) : []), ...entry.outputs.extra];
}
