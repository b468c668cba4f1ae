// The two workflow shapes of the side-by-side benchmark, for Hookflow, and the request body.
// n8n's definitions are in n8n-workflows.ts; both sides compute the same answer from the same body
// (the benchmark checks that before measuring).
import type { TemplateDefinition } from "@/lib/workflows/templates/template-definition";

export type Shape = "code" | "if";
export const SHAPES: Record<Shape, string> = {
  code: "webhook → set (3 fields) → code → last node",
  if: "webhook → set (6 fields, expressions) → if → last node",
};

/** ~1 KB JSON, the same body as ../shared/peers/n8n/bench.sh sends. */
export function requestBody(): string {
  const items = Array.from({ length: 8 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i + 1, price: 9.99 + i, desc: `item number ${i}` }));
  const body = { id: 12345, user: "alice@example.com", ts: "2026-01-01T00:00:00Z", items, note: "" };
  body.note = "x".repeat(Math.max(1, 1024 - JSON.stringify(body).length));
  return JSON.stringify(body);
}

const CODE_SOURCE = `const b = $json.body || {};
const items = Array.isArray(b.items) ? b.items : [];
let total = 0;
for (const it of items) total += (Number(it.qty) || 0) * (Number(it.price) || 0);
return { id: b.id, user: String(b.user || "").toUpperCase(), stage: $json.stage, itemCount: $json.itemCount, total: Math.round(total * 100) / 100, ok: true };`;

export function hookflowWorkflow(shape: Shape, path: string): TemplateDefinition & { active: boolean } {
  const webhook = { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "lastNode" } };
  if (shape === "code") {
    return {
      name: `peer bench: ${shape}`,
      active: true,
      nodes: [
        webhook,
        { id: "edit", type: "set", parameters: { keepInput: false, fields: { body: "{{ $json.body }}", stage: "enriched", itemCount: "{{ $count($json.body.items) }}" } } },
        { id: "code", type: "code", parameters: { source: CODE_SOURCE } },
      ],
      connections: [
        { from: "webhook", to: "edit" },
        { from: "edit", to: "code" },
      ],
      settings: {},
    };
  }
  return {
    name: `peer bench: ${shape}`,
    active: true,
    nodes: [
      webhook,
      {
        id: "edit",
        type: "set",
        parameters: {
          keepInput: false,
          fields: {
            id: "{{ $json.body.id }}",
            user: "{{ $uppercase($string($json.body.user)) }}",
            stage: "enriched",
            itemCount: "{{ $count($json.body.items) }}",
            total: "{{ $round($sum($json.body.items.(qty * price)), 2) }}",
            ok: true,
          },
        },
      },
      { id: "is-positive", type: "if", parameters: { condition: "{{ $json.total > 0 }}" } },
    ],
    connections: [
      { from: "webhook", to: "edit" },
      { from: "edit", to: "is-positive" },
    ],
    settings: {},
  };
}
