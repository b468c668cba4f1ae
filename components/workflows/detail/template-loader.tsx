"use client";
import { useId, useState } from "react";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";

type Props = { webhookPath: string | undefined; onLoad: (definitionText: string, sampleBody: unknown) => void };

// Replaces the editor's draft with a template, keeping this workflow's webhook path so its URL
// stays the same. Nothing is saved until "Save definition".
export function TemplateLoader({ webhookPath, onLoad }: Props) {
  const id = useId();
  const [choice, setChoice] = useState(WORKFLOW_TEMPLATES[0]?.id ?? "");
  const load = () => {
    const template = WORKFLOW_TEMPLATES.find((t) => t.id === choice);
    if (!template) return;
    const path = webhookPath ?? `${template.id}/${crypto.randomUUID().slice(0, 8)}`;
    onLoad(JSON.stringify(template.build(path), null, 2), template.sampleBody);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`${id}-template`} className="text-xs font-medium text-gray-700">
        Start from a template
      </label>
      <select id={`${id}-template`} value={choice} onChange={(e) => setChoice(e.target.value)} className="rounded-md border border-gray-300 bg-white px-2 py-1 text-xs text-gray-900">
        {WORKFLOW_TEMPLATES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={load}
        className="rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-800 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        Load into editor
      </button>
    </div>
  );
}
