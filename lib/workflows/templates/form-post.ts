import type { TemplateDefinition } from "./template-definition";

// A contact form post → validate (if) → normalise (set) → respond 200, or 422 naming the problem.
export function formPostWorkflow(path: string): TemplateDefinition {
  return {
    name: "Contact form",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "respondNode" } },
      {
        id: "is-valid",
        type: "if",
        parameters: {
          condition:
            '{{ $type($json.body.name) = "string" and $length($trim($json.body.name)) > 0 and $type($json.body.email) = "string" and $contains($json.body.email, /^[^@\\s]+@[^@\\s]+$/) }}',
        },
      },
      {
        id: "contact",
        type: "set",
        parameters: {
          keepInput: false,
          fields: {
            name: "{{ $trim($json.body.name) }}",
            email: "{{ $lowercase($json.body.email) }}",
            message: '{{ $exists($json.body.message) ? $string($json.body.message) : "" }}',
            receivedAt: "{{ $now() }}",
          },
        },
      },
      { id: "accepted", type: "respond", parameters: { status: 200, body: { ok: true, contact: "{{ $json }}" } } },
      {
        id: "rejected",
        type: "respond",
        parameters: { status: 422, body: { ok: false, error: "name and a valid email are required" } },
      },
    ],
    connections: [
      { from: "webhook", to: "is-valid" },
      { from: "is-valid", to: "contact", output: "true" },
      { from: "contact", to: "accepted" },
      { from: "is-valid", to: "rejected", output: "false" },
    ],
    settings: {},
  };
}
