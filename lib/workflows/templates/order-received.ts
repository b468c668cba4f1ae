// An example workflow used by the dev seed, the docs, the tests and the benchmark:
// webhook → set → if → respond (two respond nodes, one per branch).
export function orderReceivedWorkflow(path: string) {
  return {
    name: "Order received",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "lastNode" } },
      {
        id: "enrich",
        type: "set",
        parameters: {
          keepInput: false,
          fields: {
            orderId: "{{ $json.body.orderId }}",
            amount: "{{ $json.body.amount }}",
            customer: "{{ $json.body.customer.name }}",
          },
        },
      },
      { id: "is-large", type: "if", parameters: { condition: "{{ $json.amount >= 100 }}" } },
      { id: "priority", type: "respond", parameters: { status: 200, body: { orderId: "{{ $json.orderId }}", tier: "priority" } } },
      { id: "standard", type: "respond", parameters: { status: 200, body: { orderId: "{{ $json.orderId }}", tier: "standard" } } },
    ],
    connections: [
      { from: "webhook", to: "enrich" },
      { from: "enrich", to: "is-large" },
      { from: "is-large", to: "priority", output: "true" },
      { from: "is-large", to: "standard", output: "false" },
    ],
    settings: {},
  };
}
