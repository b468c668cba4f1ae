"use client";
import { useContext } from "react";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { ExpressionSampleContext } from "./schema-form/expression-input";

type RunAnswer = { status: "succeeded" | "failed"; output: unknown; error: { message: string } | null; logs: string[]; durationMs: number };

// Runs the node's current (unsaved) parameters server-side in the same sandbox as a real run,
// with the input it had in the sample execution. Nothing is saved.
export function CodeRunner({ workflowId, parameters }: { workflowId: string; parameters: Record<string, unknown> }) {
  const { sample } = useContext(ExpressionSampleContext);
  const run = useMutation({
    mutationFn: () => fetchApi<RunAnswer>(`/api/workflows/${workflowId}/run-code`, { method: "POST", body: { parameters, input: sample?.json ?? null, trigger: sample?.trigger ?? undefined } }),
  });
  return (
    <section aria-label="Run with sample input" className="space-y-2 rounded-md border border-gray-200 p-2">
      <div className="flex items-center justify-between gap-2">
        <Button variant="secondary" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? "Running…" : "Run with sample input"}
        </Button>
        <span className="text-[11px] text-gray-500">{sample?.json !== undefined && sample ? "input from the last execution" : "no sample input: $json is null"}</span>
      </div>
      {run.isError ? <p role="alert" className="text-xs text-red-700">{errorMessage(run.error)}</p> : null}
      {run.data ? (
        <div data-code-run={run.data.status} className="space-y-1 text-xs">
          <p className={run.data.status === "succeeded" ? "text-emerald-800" : "text-red-700"}>
            {run.data.status === "succeeded" ? "Succeeded" : `Failed: ${run.data.error?.message ?? ""}`} · {Math.round(run.data.durationMs)} ms
          </p>
          {run.data.status === "succeeded" ? <pre aria-label="Code output" className="max-h-48 overflow-auto rounded bg-gray-50 p-2 font-mono">{JSON.stringify(run.data.output, null, 2)}</pre> : null}
          {run.data.logs.length ? <pre aria-label="Code logs" className="max-h-32 overflow-auto rounded bg-gray-900 p-2 font-mono text-gray-100">{run.data.logs.join("\n")}</pre> : null}
        </div>
      ) : null}
    </section>
  );
}
