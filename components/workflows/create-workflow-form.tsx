"use client";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { workflowKeys } from "@/lib/query-keys";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import type { WorkflowSummary } from "@/components/data/api-types";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { toast } from "@/components/ui/toast";
import { exampleWorkflowJson } from "./example-workflow";

function parse(text: string, activate: boolean): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`This is not valid JSON: ${errorMessage(error)}`);
  }
  // An explicit "active" in the JSON wins over the checkbox.
  if (activate && value && typeof value === "object" && !Array.isArray(value) && !("active" in value)) {
    return { ...value, active: true };
  }
  return value;
}

export function CreateWorkflowForm({ initialJson }: { initialJson: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(initialJson);
  const [activate, setActivate] = useState(true);
  const [created, setCreated] = useState<WorkflowSummary | null>(null);
  const create = useMutation({
    mutationFn: (json: string) => fetchApi<WorkflowSummary>("/api/workflows", { method: "POST", body: parse(json, activate) }),
    onSuccess: async (workflow) => {
      setCreated(workflow);
      toast.success(`Created “${workflow.name}”`);
      setText(exampleWorkflowJson(crypto.randomUUID().slice(0, 8)));
      await queryClient.invalidateQueries({ queryKey: workflowKeys.all });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(text);
  };

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Create from JSON">
      <p className="text-sm text-gray-600">Paste a workflow definition. The example is a webhook → set → if → respond flow.</p>
      <div>
        <label htmlFor="workflow-json" className={labelClass}>
          Workflow JSON
        </label>
        <textarea
          id="workflow-json"
          name="workflow"
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          aria-invalid={create.isError || undefined}
          aria-describedby={create.isError ? "workflow-json-error" : undefined}
          rows={16}
          className={`${inputClass} font-mono text-xs leading-relaxed`}
        />
      </div>
      <div className="flex items-center gap-2">
        <input
          id="workflow-activate"
          type="checkbox"
          checked={activate}
          onChange={(e) => setActivate(e.target.checked)}
          className="size-4 rounded border-gray-300 accent-gray-900"
        />
        <label htmlFor="workflow-activate" className="text-sm text-gray-800">
          Activate its webhooks now
        </label>
      </div>
      {create.isError ? (
        <div id="workflow-json-error">
          <ErrorAlert title="Workflow not created">{errorMessage(create.error)}</ErrorAlert>
        </div>
      ) : null}
      {created ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800">
          Created “{created.name}”.{" "}
          <Link href={`/workflows/${created.id}`} className="font-medium underline">
            Open it
          </Link>
        </p>
      ) : null}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create workflow"}
      </Button>
    </form>
  );
}
