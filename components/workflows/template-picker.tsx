"use client";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { WORKFLOW_TEMPLATES, type WorkflowTemplate } from "@/lib/workflows/templates";
import { workflowKeys } from "@/lib/query-keys";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import type { WorkflowSummary } from "@/components/data/api-types";
import { toast } from "@/components/ui/toast";

// Webhook paths are unique across all users, so each template instance gets a fresh suffix.
function templatePath(template: WorkflowTemplate): string {
  return `${template.id}/${crypto.randomUUID().slice(0, 8)}`;
}

// The smallest workflow that can exist: its trigger. Everything else is added on the canvas.
function blankWorkflow() {
  const path = `hooks/${crypto.randomUUID().slice(0, 8)}`;
  return { name: "Untitled workflow", active: true, nodes: [{ id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] }, position: { x: 0, y: 0 } }], connections: [] };
}

export function TemplatePicker() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (template: WorkflowTemplate | "blank") =>
      fetchApi<WorkflowSummary>("/api/workflows", { method: "POST", body: template === "blank" ? blankWorkflow() : { ...template.build(templatePath(template)), active: true } }),
    onSuccess: async (workflow) => {
      toast.success(`Created “${workflow.name}”`, "Send it a test request from its page.");
      await queryClient.invalidateQueries({ queryKey: workflowKeys.all });
      router.push(`/workflows/${workflow.id}`);
    },
    onError: (error) => toast.error("Workflow not created", errorMessage(error)),
  });
  return (
    <ul className="space-y-2">
      <li className="flex items-start justify-between gap-3 rounded-md border border-dashed border-gray-300 p-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-gray-900">Blank workflow</p>
          <p className="mt-0.5 text-xs text-gray-600">Only a webhook trigger: build the rest on the canvas.</p>
        </div>
        <button
          type="button"
          onClick={() => create.mutate("blank")}
          disabled={create.isPending}
          aria-label="Start a blank workflow"
          className="shrink-0 rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-800 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:text-gray-400"
        >
          {create.isPending && create.variables === "blank" ? "Creating…" : "Start"}
        </button>
      </li>
      {WORKFLOW_TEMPLATES.map((template) => (
        <li key={template.id} className="flex items-start justify-between gap-3 rounded-md border border-gray-200 p-3">
          <div className="min-w-0">
            <p className="text-sm font-medium text-gray-900">{template.title}</p>
            <p className="mt-0.5 text-xs text-gray-600">{template.description}</p>
          </div>
          <button
            type="button"
            onClick={() => create.mutate(template)}
            disabled={create.isPending}
            aria-label={`Use template ${template.title}`}
            className="shrink-0 rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-800 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:text-gray-400"
          >
            {create.isPending && typeof create.variables === "object" && create.variables.id === template.id ? "Creating…" : "Use"}
          </button>
        </li>
      ))}
    </ul>
  );
}
