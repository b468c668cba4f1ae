import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { NODE_HANDLERS } from "@/lib/engine/nodes/registry";
import { nodeSettingsSchema } from "@/lib/engine/node-settings";
import { nodeCatalog } from "@/lib/workflows/node-catalog";
import { fieldsOf, fromText, roundTrip, type Field } from "./field-model";
import { SchemaForm } from "./schema-form";

const catalog = nodeCatalog();

// Optional objects show their own fields once they are set, as in the example.
function leafNames(fields: Field[], value: Record<string, unknown>): string[] {
  return fields.flatMap((f) => (f.spec.kind === "object" && value[f.name] ? [f.name, ...leafNames(f.spec.fields, value[f.name] as Record<string, unknown>)] : [f.name]));
}

describe("node forms are generated from the engine's schemas", () => {
  it("lists every registered node type", () => {
    expect(catalog.nodes.map((n) => n.type).sort()).toEqual(Object.keys(NODE_HANDLERS).sort());
  });

  for (const entry of catalog.nodes) {
    describe(entry.type, () => {
      const fields = fieldsOf(entry.parameters, entry.expressionParameters);

      it("has an example the engine accepts", () => {
        expect(NODE_HANDLERS[entry.type as keyof typeof NODE_HANDLERS].parameters.safeParse(entry.example).success).toBe(true);
      });

      it("round-trips its example parameters through the form's controls", () => {
        const back = roundTrip(fields, entry.example);
        expect(back).toEqual(entry.example);
        expect(NODE_HANDLERS[entry.type as keyof typeof NODE_HANDLERS].parameters.safeParse(back).success).toBe(true);
      });

      it("renders a control for every parameter of the schema", () => {
        const html = renderToStaticMarkup(createElement(SchemaForm, { idPrefix: entry.type, fields, value: entry.example, onChange: () => undefined }));
        for (const name of leafNames(fields, entry.example)) expect(html, name).toContain(`data-field="${name}"`);
      });
    });
  }

  it("the settings form round-trips retry, continue-on-fail and timeout", () => {
    const settings = { retryOnFail: { maxTries: 3, waitMs: 500, backoff: 2 }, continueOnFail: true, timeoutMs: 10000 };
    const back = roundTrip(fieldsOf(catalog.settings), settings);
    expect(back).toEqual(settings);
    expect(nodeSettingsSchema.safeParse(back).success).toBe(true);
  });

  it("reads a number-or-expression box as a number when it is one", () => {
    const status = fieldsOf(catalog.nodes.find((n) => n.type === "respond")!.parameters).find((f) => f.name === "status")!;
    expect(fromText(status.spec, "201")).toBe(201);
    expect(fromText(status.spec, "{{ $json.code }}")).toBe("{{ $json.code }}");
  });
});
