"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { ExecutionDetail } from "@/components/data/api-types";
import { errorMessage } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { CodeEditor } from "@/components/workflows/builder/schema-form/code-editor";
import { useStartRerun, type RerunVersion } from "./use-start-rerun";

function parseBody(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

// Replay with an edited payload: the original body in an editor, then a re-run with that body
// (the saved headers and query as they were), opened live.
export function EditedRerunButton({ execution }: { execution: ExecutionDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Re-run with edited payload
      </Button>
      {open ? <EditedRerunDialog execution={execution} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function EditedRerunDialog({ execution, onClose }: { execution: ExecutionDetail; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(execution.trigger?.body ?? null, null, 2));
  const [version, setVersion] = useState<RerunVersion>("snapshot");
  const parsed = parseBody(text);
  const rerun = useStartRerun(execution.id);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-2xl rounded-lg border border-gray-200 p-0 shadow-xl backdrop:bg-gray-900/40"
    >
      <div className="space-y-4 p-5">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-gray-900">
            Re-run with an edited payload
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            The request body as JSON. The saved method, path, headers and query are sent as they were; the new run links back to this one.
          </p>
        </div>
        <CodeEditor id={`${id}-body`} value={text} onChange={setText} label="Request body (JSON)" />
        {parsed.ok ? null : (
          <p role="alert" className="text-sm text-red-700">
            Not valid JSON: {parsed.message}
          </p>
        )}
        <fieldset className="flex flex-wrap gap-4 text-sm text-gray-800">
          <legend className="sr-only">Version</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${id}-version`} checked={version === "snapshot"} onChange={() => setVersion("snapshot")} />
            This run&apos;s version (v{execution.snapshot?.version ?? "?"})
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${id}-version`} checked={version === "current"} onChange={() => setVersion("current")} />
            Current version
          </label>
        </fieldset>
        {rerun.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(rerun.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={rerun.isPending}>
            Cancel
          </Button>
          <Button disabled={!parsed.ok || rerun.isPending || rerun.isSuccess} onClick={() => parsed.ok && rerun.mutate({ version, trigger: { body: parsed.value } })}>
            {rerun.isPending || rerun.isSuccess ? "Starting…" : "Start re-run"}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
