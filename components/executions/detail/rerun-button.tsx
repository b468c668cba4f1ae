"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { ExecutionDetail } from "@/components/data/api-types";
import { errorMessage } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { useStartRerun, type RerunVersion } from "./use-start-rerun";

// Re-runs the saved trigger request as a new execution and opens it; it continues live.
export function RerunButton({ execution }: { execution: ExecutionDetail }) {
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState<RerunVersion>("snapshot");
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const rerun = useStartRerun(execution.id);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !containerRef.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <Button variant="primary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((v) => !v)}>
        Re-run
      </Button>
      {open ? (
        <div id={panelId} className="absolute left-0 z-20 mt-2 w-72 space-y-3 rounded-lg border border-gray-200 bg-white p-3 shadow-lg sm:left-auto sm:right-0">
          <fieldset>
            <legend className="text-sm font-medium text-gray-900">Re-run with the same request, against</legend>
            <label className="mt-2 flex items-start gap-2 text-sm text-gray-800">
              <input type="radio" name={`${panelId}-version`} className="mt-1" checked={version === "snapshot"} onChange={() => setVersion("snapshot")} />
              <span>
                This run&apos;s version
                <span className="block text-xs text-gray-500">v{execution.snapshot?.version ?? "?"}, exactly what ran</span>
              </span>
            </label>
            <label className="mt-2 flex items-start gap-2 text-sm text-gray-800">
              <input type="radio" name={`${panelId}-version`} className="mt-1" checked={version === "current"} onChange={() => setVersion("current")} />
              <span>
                Current version
                <span className="block text-xs text-gray-500">the workflow as saved now</span>
              </span>
            </label>
          </fieldset>
          {rerun.isError ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(rerun.error)}
            </p>
          ) : null}
          <Button className="w-full" disabled={rerun.isPending || rerun.isSuccess} onClick={() => rerun.mutate({ version })}>
            {rerun.isPending || rerun.isSuccess ? "Starting…" : "Start re-run"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
