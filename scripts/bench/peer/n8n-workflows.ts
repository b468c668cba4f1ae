// n8n's definitions of the two shapes: ../shared/peers/n8n/workflow-bench.json and
// workflow-bench-if.json, with a path per shape so one n8n process serves both.
import type { Shape } from "./workflows";

type N8nWorkflow = { id: string; path: string; [key: string]: unknown };

const webhook = (shape: Shape, n: number) => ({
  id: `0b6f2c1e-000${n}-4d5e-9a00-000000000001`,
  name: "Webhook",
  type: "n8n-nodes-base.webhook",
  typeVersion: 2.1,
  position: [0, 0],
  webhookId: `0b6f2c1e-000${n}-4d5e-9a00-0000000000aa`,
  parameters: { httpMethod: "POST", path: `bench-${shape}`, responseMode: "lastNode", responseData: "firstEntryJson", options: {} },
});

const chain = (a: string, b: string) => ({
  Webhook: { main: [[{ node: a, type: "main", index: 0 }]] },
  [a]: { main: [[{ node: b, type: "main", index: 0 }]] },
});

const CODE = `return $input.all().map((item) => {
  const b = item.json.body || {};
  const items = Array.isArray(b.items) ? b.items : [];
  let total = 0;
  for (const it of items) total += (Number(it.qty) || 0) * (Number(it.price) || 0);
  return { json: { id: b.id, user: String(b.user || '').toUpperCase(), stage: item.json.stage, itemCount: item.json.itemCount, total: Math.round(total * 100) / 100, ok: true } };
});`;

const assignment = (id: string, name: string, type: string, value: unknown) => ({ id, name, type, value });

/** The "Edit Fields" (set) node both shapes start with; only its id and fields differ. */
const editFields = (id: string, assignments: ReturnType<typeof assignment>[]) => ({
  id,
  name: "Edit Fields",
  type: "n8n-nodes-base.set",
  typeVersion: 3.4,
  position: [220, 0],
  parameters: { mode: "manual", includeOtherFields: false, assignments: { assignments }, options: {} },
});

export function n8nWorkflows(): Record<Shape, N8nWorkflow> {
  return {
    code: {
      id: "benchWebhookWf01",
      path: "bench-code",
      name: "bench-webhook-3node",
      active: false,
      settings: { executionOrder: "v1" },
      nodes: [
        webhook("code", 1),
        editFields("0b6f2c1e-0002-4d5e-9a00-000000000002", [
          assignment("a1", "body", "object", "={{ $json.body }}"),
          assignment("a2", "stage", "string", "enriched"),
          assignment("a3", "itemCount", "number", "={{ $json.body.items.length }}"),
        ]),
        {
          id: "0b6f2c1e-0003-4d5e-9a00-000000000003",
          name: "Code",
          type: "n8n-nodes-base.code",
          typeVersion: 2,
          position: [440, 0],
          parameters: { mode: "runOnceForAllItems", language: "javaScript", jsCode: CODE },
        },
      ],
      connections: chain("Edit Fields", "Code"),
      pinData: {},
    },
    if: {
      id: "benchWebhookWfIf1",
      path: "bench-if",
      name: "bench-webhook-set-if",
      active: false,
      settings: { executionOrder: "v1" },
      nodes: [
        webhook("if", 2),
        editFields("1b6f2c1e-0002-4d5e-9a00-000000000002", [
          assignment("a1", "id", "number", "={{ $json.body.id }}"),
          assignment("a2", "user", "string", "={{ String($json.body.user || '').toUpperCase() }}"),
          assignment("a3", "stage", "string", "enriched"),
          assignment("a4", "itemCount", "number", "={{ $json.body.items.length }}"),
          assignment(
            "a5",
            "total",
            "number",
            "={{ Math.round($json.body.items.reduce((s, it) => s + (Number(it.qty) || 0) * (Number(it.price) || 0), 0) * 100) / 100 }}",
          ),
          assignment("a6", "ok", "boolean", true),
        ]),
        {
          id: "1b6f2c1e-0003-4d5e-9a00-000000000003",
          name: "If",
          type: "n8n-nodes-base.if",
          typeVersion: 2.2,
          position: [440, 0],
          parameters: {
            conditions: {
              options: { caseSensitive: true, leftValue: "", typeValidation: "strict", version: 2 },
              conditions: [{ id: "c1", leftValue: "={{ $json.total }}", rightValue: 0, operator: { type: "number", operation: "gt" } }],
              combinator: "and",
            },
            options: {},
          },
        },
      ],
      connections: chain("Edit Fields", "If"),
      pinData: {},
    },
  };
}
