"use client";
import { useState } from "react";
import { inputClass } from "@/components/ui/field-styles";
import { FieldInputError, fromText, recordValueFrom, recordValueText, toText, type Field, type FieldKind } from "./field-model";
import { CodeEditor } from "./code-editor";
import { ExpressionInput } from "./expression-input";

type Value = Record<string, unknown>;

const fieldClass = inputClass.replace("mt-1 ", "");

type Props = {
  idPrefix: string;
  fields: Field[];
  value: Value;
  onChange: (value: Value) => void;
  /** Server problems by parameter path ("condition", "fields.amount"), shown under their field. */
  errors?: Record<string, string[]>;
  /** Top-level parameters edited as JavaScript in a code editor. */
  codeFields?: readonly string[];
};

// One generic form for every node type: the fields come from the node's JSON Schema.
export function SchemaForm({ idPrefix, fields, value, onChange, errors = {}, codeFields = [] }: Props) {
  const set = (name: string, next: unknown) => {
    const copy = { ...value };
    if (next === undefined) delete copy[name];
    else copy[name] = next;
    onChange(copy);
  };
  return (
    <div className="space-y-3">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const fieldErrors = Object.entries(errors).filter(([path]) => path === field.name || path.startsWith(`${field.name}.`) || path.startsWith(`${field.name}[`)).flatMap(([, m]) => m);
        return (
          <div key={field.name} data-field={field.name} className="space-y-1">
            {field.spec.kind === "boolean" ? null : (
              <label htmlFor={id} className="block text-xs font-medium text-gray-700">
                {field.name}
                {field.required ? <span className="text-red-700"> *</span> : null}
              </label>
            )}
            {codeFields.includes(field.name) && field.spec.kind === "text" ? (
              <CodeEditor id={id} value={typeof value[field.name] === "string" ? (value[field.name] as string) : ""} onChange={(next) => set(field.name, next)} />
            ) : (
              <FieldControl id={id} field={field} value={value[field.name]} onChange={(next) => set(field.name, next)} />
            )}
            {fieldErrors.length ? (
              <p role="alert" className="text-xs text-red-700" data-field-error={field.name}>
                {fieldErrors.join("; ")}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

function FieldControl({ id, field, value, onChange }: { id: string; field: Field; value: unknown; onChange: (v: unknown) => void }) {
  const spec = field.spec;
  switch (spec.kind) {
    case "boolean":
      return (
        <label className="flex items-center gap-2 text-sm text-gray-800">
          <input id={id} type="checkbox" checked={value === undefined ? field.default === true : value === true} onChange={(e) => onChange(e.target.checked)} className="size-4" />
          {field.name}
        </label>
      );
    case "enum":
      return (
        <select id={id} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} className={fieldClass}>
          {field.required ? null : <option value="">{field.default !== undefined ? `default (${String(field.default)})` : "—"}</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case "multiEnum": {
      const chosen = Array.isArray(value) ? value : Array.isArray(field.default) ? field.default : [];
      return (
        <div id={id} role="group" className="flex flex-wrap gap-3">
          {spec.options.map((o) => (
            <label key={o} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onChange(spec.options.filter((x) => (x === o ? e.target.checked : chosen.includes(x))))} />
              {o}
            </label>
          ))}
        </div>
      );
    }
    case "object":
      return <ObjectControl id={id} field={field} spec={spec} value={value} onChange={onChange} />;
    case "list":
      return <ListControl id={id} spec={spec} value={value} onChange={onChange} />;
    case "record":
      return <RecordControl id={id} name={field.name} spec={spec} value={value} onChange={onChange} />;
    default:
      return <TextControl id={id} spec={spec} value={value} onChange={onChange} />;
  }
}

/** Keeps what is being typed even while it does not parse yet (half-typed JSON, "-"). */
function TextControl({ id, spec, value, onChange }: { id: string; spec: FieldKind; value: unknown; onChange: (v: unknown) => void }) {
  const shown = toText(spec, value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  if (shown !== seen) {
    setSeen(shown);
    setText(shown);
    setProblem(null);
  }
  const commit = (next: string) => {
    setText(next);
    try {
      const parsed = fromText(spec, next);
      setProblem(null);
      setSeen(toText(spec, parsed));
      onChange(parsed);
    } catch (error) {
      if (!(error instanceof FieldInputError)) throw error;
      setProblem(error.message);
    }
  };
  const expression = (spec.kind === "text" || spec.kind === "scalar") && spec.expression;
  if (expression) return <ExpressionInput id={id} value={text} onChange={commit} />;
  const multiline = spec.kind === "json" || spec.kind === "stringList";
  return (
    <>
      {multiline ? (
        <textarea id={id} value={text} rows={spec.kind === "json" ? 4 : 3} spellCheck={false} onChange={(e) => commit(e.target.value)} aria-invalid={problem ? true : undefined} className={`${fieldClass} font-mono text-xs`} />
      ) : (
        <input id={id} value={text} inputMode={spec.kind === "number" ? "decimal" : undefined} onChange={(e) => commit(e.target.value)} aria-invalid={problem ? true : undefined} className={`${fieldClass} font-mono text-xs`} />
      )}
      {problem ? <p className="text-xs text-red-700">{problem}</p> : null}
    </>
  );
}

/** New objects and list items start with their required fields set, so they validate at once where they can. */
function initialObject(fields: Field[]): Value {
  const out: Value = {};
  for (const f of fields) {
    if (!f.required) continue;
    const s = f.spec;
    out[f.name] = s.kind === "number" ? 1 : s.kind === "boolean" ? false : s.kind === "enum" ? s.options[0] : s.kind === "object" ? initialObject(s.fields) : s.kind === "list" || s.kind === "multiEnum" || s.kind === "stringList" ? [] : s.kind === "record" ? {} : "";
  }
  return out;
}

function ObjectControl({ id, field, spec, value, onChange }: { id: string; field: Field; spec: Extract<FieldKind, { kind: "object" }>; value: unknown; onChange: (v: unknown) => void }) {
  const present = value !== undefined && value !== null && typeof value === "object";
  return (
    <fieldset className="space-y-2 rounded-md border border-gray-200 p-2">
      {field.required ? null : (
        <label className="flex items-center gap-2 text-xs text-gray-700">
          <input id={id} type="checkbox" checked={present} onChange={(e) => onChange(e.target.checked ? initialObject(spec.fields) : undefined)} />
          use {field.name}
        </label>
      )}
      {present ? <SchemaForm idPrefix={id} fields={spec.fields} value={value as Value} onChange={onChange} /> : null}
    </fieldset>
  );
}

function ListControl({ id, spec, value, onChange }: { id: string; spec: Extract<FieldKind, { kind: "list" }>; value: unknown; onChange: (v: unknown) => void }) {
  const items = Array.isArray(value) ? (value as Value[]) : [];
  return (
    <div id={id} className="space-y-2">
      {items.map((item, i) => (
        <fieldset key={i} className="space-y-2 rounded-md border border-gray-200 p-2">
          <legend className="px-1 text-xs text-gray-500">#{i}</legend>
          <SchemaForm idPrefix={`${id}-${i}`} fields={spec.item} value={item} onChange={(next) => onChange(items.map((x, j) => (j === i ? next : x)))} />
          <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))} className="text-xs text-red-700 hover:underline">
            Remove #{i}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...items, initialObject(spec.item)])} className="text-xs font-medium text-blue-700 hover:underline">
        Add item
      </button>
    </div>
  );
}

function RecordControl({ id, name, spec, value, onChange }: { id: string; name: string; spec: Extract<FieldKind, { kind: "record" }>; value: unknown; onChange: (v: unknown) => void }) {
  const entries = value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [];
  const write = (next: [string, unknown][]) => onChange(Object.fromEntries(next));
  const freshKey = () => {
    for (let i = entries.length + 1; ; i++) if (!entries.some(([k]) => k === `key${i}`)) return `key${i}`;
  };
  return (
    <div id={id} className="space-y-1.5">
      {entries.map(([key, item], i) => (
        <div key={i} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-start gap-1.5">
          <input aria-label={`${name} name ${i + 1}`} value={key} onChange={(e) => write(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))} className={`${fieldClass} font-mono text-xs`} />
          <RecordValue id={`${id}-v${i}`} label={`${name} value ${i + 1}`} spec={spec} value={item} onChange={(v) => write(entries.map((x, j) => (j === i ? [x[0], v] : x)))} />
          <button type="button" aria-label={`Remove ${name} ${key}`} onClick={() => write(entries.filter((_, j) => j !== i))} className="px-1 text-sm text-gray-500 hover:text-red-700">
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => write([...entries, [freshKey(), ""]])} className="text-xs font-medium text-blue-700 hover:underline">
        Add {name} entry
      </button>
    </div>
  );
}

function RecordValue({ id, label, spec, value, onChange }: { id: string; label: string; spec: Extract<FieldKind, { kind: "record" }>; value: unknown; onChange: (v: unknown) => void }) {
  const shown = recordValueText(spec, value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (shown !== seen) {
    setSeen(shown);
    setText(shown);
  }
  const commit = (next: string) => {
    setText(next);
    try {
      const parsed = recordValueFrom(spec, next);
      setSeen(recordValueText(spec, parsed));
      onChange(parsed);
    } catch (error) {
      if (!(error instanceof FieldInputError)) throw error;
    }
  };
  if (spec.expression) return <ExpressionInput id={id} label={label} value={text} onChange={commit} />;
  return <input id={id} aria-label={label} value={text} onChange={(e) => commit(e.target.value)} className={`${fieldClass} font-mono text-xs`} />;
}
