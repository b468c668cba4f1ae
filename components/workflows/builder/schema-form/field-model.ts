import type { JsonSchema } from "@/lib/workflows/node-catalog-types";

// Turns a node type's JSON Schema (derived from its zod schema) into form fields, and converts each
// field between the stored value and what its control shows. No node type has a hand-written form:
// a schema shape this does not recognise falls back to a JSON text field, which can express anything.

export type FieldKind =
  | { kind: "text"; expression: boolean }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "enum"; options: string[] }
  | { kind: "multiEnum"; options: string[] }
  /** string | number | boolean unions: one text box, read back as the narrowest type the schema allows. */
  | { kind: "scalar"; expression: boolean; allows: ("number" | "boolean" | "string")[] }
  | { kind: "stringList"; expression: boolean }
  | { kind: "object"; fields: Field[] }
  | { kind: "record"; value: "text" | "any"; expression: boolean }
  | { kind: "list"; item: Field[] }
  | { kind: "json" };

export type Field = { name: string; required: boolean; description?: string; default?: unknown; spec: FieldKind };

function types(schema: JsonSchema): string[] {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.flatMap(types);
  if (schema.enum) return ["enum"];
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type === "integer" ? "number" : schema.type] : [];
}

function kindOf(schema: JsonSchema, expression: boolean): FieldKind {
  const variants = (schema.anyOf ?? schema.oneOf)?.filter((v) => v.type !== "null");
  if (variants && variants.length === 1) return kindOf(variants[0]!, expression);
  if (schema.enum && schema.enum.every((v) => typeof v === "string")) return { kind: "enum", options: schema.enum as string[] };
  const t = types(schema).map((x) => (x === "integer" ? "number" : x));
  if (t.length > 1 && t.every((x) => x === "string" || x === "number" || x === "boolean")) {
    return { kind: "scalar", expression: expression || t.includes("string"), allows: [...new Set(t)] as ("number" | "boolean" | "string")[] };
  }
  if (t.length !== 1) return { kind: "json" };
  switch (t[0]) {
    case "string":
      return { kind: "text", expression: true };
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const items = schema.items ?? {};
      if (items.enum && items.enum.every((v) => typeof v === "string")) return { kind: "multiEnum", options: items.enum as string[] };
      if (types(items).join() === "string") return { kind: "stringList", expression };
      if (types(items).join() === "object" && items.properties) return { kind: "list", item: fieldsOf(items, expression) };
      return { kind: "json" };
    }
    case "object": {
      if (schema.properties && Object.keys(schema.properties).length > 0) return { kind: "object", fields: fieldsOf(schema, expression) };
      const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
      const valueTypes = types(values);
      if (valueTypes.length === 0) return { kind: "record", value: "any", expression };
      if (valueTypes.every((x) => x === "string")) return { kind: "record", value: "text", expression };
      return { kind: "record", value: "any", expression };
    }
    default:
      return { kind: "json" };
  }
}

/** The fields of an object schema, in declaration order. `expressionParameters` marks which accept `{{ }}`. */
export function fieldsOf(schema: JsonSchema, expression: boolean | readonly string[] = false): Field[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    description: property.description,
    default: property.default,
    // Every string may hold an expression once its parameter is resolved; top-level flags say which.
    spec: kindOf(property, typeof expression === "boolean" ? expression : expression.includes(name)),
  }));
}

/** What a text-like control shows for a value. */
export function toText(spec: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (spec.kind) {
    case "text":
    case "number":
    case "scalar":
      return typeof value === "string" ? value : String(value);
    case "stringList":
      return Array.isArray(value) ? value.join("\n") : "";
    default:
      return typeof value === "string" ? value : JSON.stringify(value, null, 2);
  }
}

export class FieldInputError extends Error {}

/** Reads a control's text back; empty means "not set" (undefined) so defaults apply. Throws FieldInputError. */
export function fromText(spec: FieldKind, text: string): unknown {
  if (spec.kind === "stringList") return text.split("\n").map((line) => line.trim()).filter(Boolean);
  if (text.trim() === "") return undefined;
  switch (spec.kind) {
    case "text":
      return text;
    case "number": {
      const n = Number(text);
      if (!Number.isFinite(n)) throw new FieldInputError("must be a number");
      return n;
    }
    case "scalar": {
      const trimmed = text.trim();
      if (spec.allows.includes("number") && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
      if (spec.allows.includes("boolean") && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
      return text;
    }
    default:
      return parseAnyValue(text);
  }
}

/** A record value or JSON field: text that reads as JSON is that JSON; anything else (an expression) is a string. */
export function parseAnyValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{{")) return text;
  if (/^[[{"\d-]|^(true|false|null)$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      if (/^[[{]/.test(trimmed)) throw new FieldInputError("is not valid JSON");
    }
  }
  return text;
}

export function recordValueText(spec: Extract<FieldKind, { kind: "record" }>, value: unknown): string {
  if (spec.value === "text" || typeof value === "string") return typeof value === "string" ? value : String(value ?? "");
  return JSON.stringify(value);
}

export function recordValueFrom(spec: Extract<FieldKind, { kind: "record" }>, text: string): unknown {
  return spec.value === "text" ? text : parseAnyValue(text);
}

/**
 * Reads `value` through the fields the way the form shows and reads it back: each leaf goes through
 * its control's text and back. A form that loses or changes a parameter would break this identity.
 */
export function roundTrip(fields: Field[], value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const field of fields) {
    if (!(field.name in value)) continue;
    const read = roundTripValue(field.spec, value[field.name]);
    if (read === undefined) delete out[field.name];
    else out[field.name] = read;
  }
  return out;
}

function roundTripValue(spec: FieldKind, value: unknown): unknown {
  switch (spec.kind) {
    case "boolean":
      return value === true;
    case "enum":
      return value;
    case "multiEnum":
      return Array.isArray(value) ? spec.options.filter((o) => value.includes(o)) : value;
    case "object":
      return value && typeof value === "object" ? roundTrip(spec.fields, value as Record<string, unknown>) : value;
    case "list":
      return Array.isArray(value) ? value.map((item) => roundTrip(spec.item, item as Record<string, unknown>)) : value;
    case "record":
      return value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recordValueFrom(spec, recordValueText(spec, v))]))
        : value;
    default:
      return fromText(spec, toText(spec, value));
  }
}
