import type { Connection, WorkflowNode } from "@/lib/engine/types";

/** What a template builds: the body of a workflow save request (name + definition). */
export type TemplateDefinition = {
  name: string;
  nodes: WorkflowNode[];
  connections: Connection[];
  settings: Record<string, unknown>;
};
