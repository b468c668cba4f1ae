"use client";
import { useId, useState, type FormEvent } from "react";
import { WEBHOOK_METHODS } from "@/lib/engine/nodes/webhook";
import { errorMessage } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { toast } from "@/components/ui/toast";
import type { DefinitionNode, WebhookAuthType, WorkflowDetail } from "../workflow-types";
import { editableDefinition, useSaveWorkflow } from "./use-workflow";
import { WebhookSecretControls } from "./webhook-secret";

type Method = (typeof WEBHOOK_METHODS)[number];
type ResponseMode = "immediately" | "lastNode" | "respondNode";

const RESPONSE_MODES: Record<ResponseMode, string> = {
  lastNode: "Last node's output",
  respondNode: "The respond node's answer",
  immediately: "202 at once, run after",
};
const AUTH_TYPES: Record<WebhookAuthType, string> = {
  none: "None: anyone with the URL",
  header: "Secret header",
  hmac: "HMAC signature",
  github: "GitHub signature",
};

type WebhookParams = { path?: string; methods?: Method[]; responseMode?: ResponseMode; auth?: { type?: WebhookAuthType; headerName?: string } };

function formFrom(node: DefinitionNode) {
  const p = node.parameters as WebhookParams;
  return {
    path: p.path ?? "",
    methods: p.methods ?? (["POST"] as Method[]),
    responseMode: p.responseMode ?? ("lastNode" as ResponseMode),
    authType: p.auth?.type ?? ("none" as WebhookAuthType),
    headerName: p.auth?.headerName ?? "",
  };
}

type Props = { workflow: WorkflowDetail; node: DefinitionNode; editorDirty: boolean };

// Edits one webhook node's parameters in the *saved* definition and saves a new version.
export function WebhookSettings({ workflow, node, editorDirty }: Props) {
  const id = useId();
  const saved = formFrom(node);
  const [form, setForm] = useState(saved);
  const save = useSaveWorkflow(workflow.id);
  const hook = workflow.webhooks.find((w) => w.nodeId === node.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.methods.length === 0) return toast.error("Choose at least one method");
    const rest = { ...node.parameters };
    delete rest.auth;
    delete rest.path;
    const parameters = {
      ...rest,
      ...(form.path.trim() ? { path: form.path.trim() } : {}),
      methods: form.methods,
      responseMode: form.responseMode,
      ...(form.authType === "none" ? {} : { auth: { type: form.authType, ...(form.authType === "header" && form.headerName.trim() ? { headerName: form.headerName.trim() } : {}) } }),
    };
    const definition = editableDefinition(workflow);
    save.mutate(
      { ...definition, nodes: definition.nodes.map((n) => (n.id === node.id ? { ...n, parameters } : n)) },
      {
        onSuccess: () => toast.success(`Webhook “${node.id}” saved`),
        onError: (error) => toast.error(`Webhook “${node.id}” not saved`, errorMessage(error)),
      },
    );
  };
  const toggleMethod = (method: Method) =>
    setForm((f) => ({ ...f, methods: f.methods.includes(method) ? f.methods.filter((m) => m !== method) : WEBHOOK_METHODS.filter((m) => m === method || f.methods.includes(m)) }));

  return (
    <form onSubmit={submit} aria-label={`Webhook ${node.id}`} className="space-y-3">
      {hook ? (
        <div className="flex items-center gap-2 rounded-md bg-gray-50 px-2 py-1.5">
          <code className="min-w-0 flex-1 break-all font-mono text-xs text-gray-900" title={hook.url}>
            {hook.url}
          </code>
          <CopyButton text={hook.url} label="Copy webhook URL" />
        </div>
      ) : null}
      <fieldset>
        <legend className={labelClass}>Methods</legend>
        <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
          {WEBHOOK_METHODS.map((method) => (
            <label key={method} className="inline-flex items-center gap-1.5 font-mono text-xs text-gray-800">
              <input type="checkbox" checked={form.methods.includes(method)} onChange={() => toggleMethod(method)} className="size-4 accent-gray-900" />
              {method}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-path`} className={labelClass}>
          Path
        </label>
        <div className="mt-1 flex items-center rounded-md text-sm">
          <span className="shrink-0 pr-1 font-mono text-xs text-gray-500">/api/webhooks/</span>
          <input id={`${id}-path`} value={form.path} onChange={(e) => setForm((f) => ({ ...f, path: e.target.value }))} placeholder="generated when empty" className={`${inputClass} mt-0 font-mono text-xs`} />
        </div>
      </div>
      <div className="grid gap-3">
        <div>
          <label htmlFor={`${id}-mode`} className={labelClass}>
            Response mode
          </label>
          <select id={`${id}-mode`} value={form.responseMode} onChange={(e) => setForm((f) => ({ ...f, responseMode: e.target.value as ResponseMode }))} className={inputClass}>
            {Object.entries(RESPONSE_MODES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-auth`} className={labelClass}>
            Authentication
          </label>
          <select id={`${id}-auth`} value={form.authType} onChange={(e) => setForm((f) => ({ ...f, authType: e.target.value as WebhookAuthType }))} className={inputClass}>
            {Object.entries(AUTH_TYPES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {form.authType === "header" ? (
        <div>
          <label htmlFor={`${id}-header`} className={labelClass}>
            Secret header name
          </label>
          <input id={`${id}-header`} value={form.headerName} onChange={(e) => setForm((f) => ({ ...f, headerName: e.target.value }))} placeholder="X-Hookflow-Secret" className={`${inputClass} font-mono text-xs`} />
        </div>
      ) : null}
      {saved.authType !== "none" ? <WebhookSecretControls workflowId={workflow.id} nodeId={node.id} authType={saved.authType} /> : null}
      {editorDirty ? <p className="text-xs text-amber-800">Save or revert the definition editor first: this saves the current version.</p> : null}
      <Button type="submit" variant="secondary" disabled={save.isPending || editorDirty}>
        {save.isPending ? "Saving…" : "Save webhook settings"}
      </Button>
    </form>
  );
}
