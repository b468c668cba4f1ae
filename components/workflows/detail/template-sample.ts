import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import type { DefinitionNode } from "../workflow-types";

function shape(nodes: { id: string; type: string }[]): string {
  return nodes
    .map((n) => `${n.id}:${n.type}`)
    .sort()
    .join(",");
}

// Workflows do not remember the template they came from; one whose nodes (ids and types)
// match a template's gets that template's sample body, anything else an empty object.
export function sampleBodyFor(nodes: DefinitionNode[]): unknown {
  const key = shape(nodes);
  const template = WORKFLOW_TEMPLATES.find((t) => shape(t.build("sample").nodes) === key);
  return template?.sampleBody ?? {};
}
