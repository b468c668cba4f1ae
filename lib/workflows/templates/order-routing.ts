import type { TemplateDefinition } from "./template-definition";

// An order → route by region (switch) to one shipping quote, while a parallel branch computes
// loyalty points → join both (merge by orderId; the regions not taken do not block) → respond.
export function orderRoutingWorkflow(path: string): TemplateDefinition {
  const shipping = (id: string, carrier: string, days: number) => ({
    id,
    type: "set",
    parameters: { fields: { carrier, days } },
  });
  return {
    name: "Order routing",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "respondNode" } },
      {
        id: "order",
        type: "set",
        parameters: {
          keepInput: false,
          fields: { orderId: "{{ $json.body.orderId }}", region: "{{ $lowercase($json.body.region) }}", total: "{{ $json.body.total }}" },
        },
      },
      {
        id: "region",
        type: "switch",
        parameters: { rules: [{ condition: '{{ $json.region = "eu" }}', label: "EU" }, { condition: '{{ $json.region = "us" }}', label: "US" }] },
      },
      shipping("ship-eu", "DHL", 3),
      shipping("ship-us", "UPS", 2),
      shipping("ship-intl", "FedEx", 7),
      { id: "loyalty", type: "set", parameters: { keepInput: false, fields: { orderId: "{{ $json.orderId }}", points: "{{ $floor($json.total / 10) }}" } } },
      { id: "combine", type: "merge", parameters: { mode: "mergeByKey", key: "orderId" } },
      { id: "reply", type: "respond", parameters: { status: 200, body: "{{ $json[0] }}" } },
    ],
    connections: [
      { from: "webhook", to: "order" },
      { from: "order", to: "region" },
      { from: "order", to: "loyalty" },
      { from: "region", to: "ship-eu", output: "0" },
      { from: "region", to: "ship-us", output: "1" },
      { from: "region", to: "ship-intl", output: "fallback" },
      { from: "ship-eu", to: "combine" },
      { from: "ship-us", to: "combine" },
      { from: "ship-intl", to: "combine" },
      { from: "loyalty", to: "combine" },
      { from: "combine", to: "reply" },
    ],
    settings: {},
  };
}
