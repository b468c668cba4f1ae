import type { TemplateDefinition } from "./template-definition";

// GitHub-style push → summarise → route by branch (switch) → a notification payload per route →
// respond. The payload is what an httpRequest node would post to chat; it is returned instead, so
// the template runs without network access.
export function githubPushWorkflow(path: string): TemplateDefinition {
  return {
    name: "GitHub push → notify",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "respondNode" } },
      {
        id: "summarize",
        type: "set",
        parameters: {
          keepInput: false,
          fields: {
            branch: '{{ $replace($json.body.ref, "refs/heads/", "") }}',
            repository: "{{ $json.body.repository.full_name }}",
            pusher: "{{ $json.body.pusher.name }}",
            commits: "{{ $count($json.body.commits) }}",
          },
        },
      },
      {
        id: "route",
        type: "switch",
        parameters: {
          rules: [
            { condition: '{{ $json.branch = "main" }}', label: "production" },
            { condition: '{{ $substring($json.branch, 0, 8) = "release/" }}', label: "release" },
          ],
        },
      },
      {
        id: "deploy-message",
        type: "set",
        parameters: { fields: { channel: "#deploys", text: "{{ $json.pusher }} pushed {{ $json.commits }} commit(s) to {{ $json.repository }}@main" } },
      },
      {
        id: "release-message",
        type: "set",
        parameters: { fields: { channel: "#releases", text: "Release branch {{ $json.branch }} updated by {{ $json.pusher }}" } },
      },
      { id: "notification", type: "merge", parameters: { mode: "passFirst" } },
      {
        id: "notified",
        type: "respond",
        parameters: { status: 202, body: { notified: true, channel: "{{ $json.channel }}", text: "{{ $json.text }}" } },
      },
      {
        id: "ignored",
        type: "respond",
        parameters: { status: 200, body: { notified: false, reason: "branch {{ $json.branch }} is not watched" } },
      },
    ],
    connections: [
      { from: "webhook", to: "summarize" },
      { from: "summarize", to: "route" },
      { from: "route", to: "deploy-message", output: "0" },
      { from: "route", to: "release-message", output: "1" },
      { from: "route", to: "ignored", output: "fallback" },
      { from: "deploy-message", to: "notification" },
      { from: "release-message", to: "notification" },
      { from: "notification", to: "notified" },
    ],
    settings: {},
  };
}
