"use client";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { CreateWorkflowForm } from "./create-workflow-form";
import { TemplatePicker } from "./template-picker";

const TABS = [
  { id: "template", label: "From a template" },
  { id: "json", label: "From JSON" },
] as const;
type TabId = (typeof TABS)[number]["id"];

// WAI-ARIA tabs: arrow keys move between tabs, Tab moves into the panel.
export function NewWorkflowPanel({ exampleJson }: { exampleJson: string }) {
  const [tab, setTab] = useState<TabId>("template");
  const base = useId();
  const refs = useRef<Record<TabId, HTMLButtonElement | null>>({ template: null, json: null });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length]!.id;
    setTab(next);
    refs.current[next]?.focus();
  };
  return (
    <section aria-labelledby={`${base}-heading`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <h2 id={`${base}-heading`} className="text-base font-semibold text-gray-900">
        New workflow
      </h2>
      <div role="tablist" aria-label="Create a workflow" className="mt-3 flex gap-1 rounded-md bg-gray-100 p-1" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            className={`flex-1 rounded px-2 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${tab === t.id ? "bg-white text-gray-900 shadow-xs" : "text-gray-600 hover:text-gray-900"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} hidden={tab !== t.id} className="mt-4">
          {t.id === "template" ? <TemplatePicker /> : <CreateWorkflowForm initialJson={exampleJson} />}
        </div>
      ))}
    </section>
  );
}
