"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { toast } from "@/components/ui/toast";
import type { TriggerRequest } from "@/components/data/api-types";
import type { TestRunResponse, WorkflowDetail } from "../workflow-types";
import { linesToRecord, recordToLines } from "./request-lines";
import { LiveExecution } from "./live-execution";

/** `lastRequest`: the newest execution's trigger request, replayed as the starting point when there is one. */
type Props = { workflow: WorkflowDetail; samplePayload: string; lastRequest: TriggerRequest | null };

// Runs the saved version through POST /api/workflows/:id/test (mode MANUAL): the server builds
// the trigger, so webhooks that need a secret or signature can be tried without one.
export function TestRequestPanel({ workflow, samplePayload, lastRequest }: Props) {
  const id = useId();
  const hooks = workflow.webhooks;
  const [nodeId, setNodeId] = useState(hooks[0]?.nodeId ?? "");
  const hook = hooks.find((h) => h.nodeId === nodeId) ?? hooks[0];
  const [method, setMethod] = useState(lastRequest && hook?.methods.includes(lastRequest.method) ? lastRequest.method : (hook?.methods[0] ?? "POST"));
  const [payload, setPayload] = useState(lastRequest ? JSON.stringify(lastRequest.body ?? {}, null, 2) : samplePayload);
  const [headers, setHeaders] = useState(lastRequest ? recordToLines(lastRequest.headers, ": ") : "");
  const [query, setQuery] = useState(lastRequest ? recordToLines(lastRequest.query, "=") : "");
  const [parseError, setParseError] = useState<string | null>(null);
  const [executionId, setExecutionId] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) =>
      fetchApi<TestRunResponse>(`/api/workflows/${workflow.id}/test`, {
        method: "POST",
        body: { nodeId: hook?.nodeId, method: hook?.methods.includes(method) ? method : hook?.methods[0], body, headers: linesToRecord(headers, ":"), query: linesToRecord(query, "=") },
      }),
    onSuccess: (answer) => setExecutionId(answer.executionId),
    onError: (error) => toast.error("Test request not sent", errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let body: unknown;
    try {
      body = payload.trim() === "" ? {} : JSON.parse(payload);
    } catch (error) {
      setParseError(`The payload is not valid JSON: ${errorMessage(error)}`);
      return;
    }
    setParseError(null);
    send.mutate(body);
  };

  if (!hook) return <p className="text-sm text-gray-600">This workflow has no webhook trigger to test.</p>;
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="space-y-3" aria-label="Send test request">
        <div className="grid gap-3 sm:grid-cols-2">
          {hooks.length > 1 ? (
            <div>
              <label htmlFor={`${id}-node`} className={labelClass}>
                Webhook
              </label>
              <select id={`${id}-node`} value={hook.nodeId} onChange={(e) => setNodeId(e.target.value)} className={inputClass}>
                {hooks.map((h) => (
                  <option key={h.nodeId} value={h.nodeId}>
                    {h.nodeId}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor={`${id}-method`} className={labelClass}>
              Method
            </label>
            <select id={`${id}-method`} value={hook.methods.includes(method) ? method : hook.methods[0]} onChange={(e) => setMethod(e.target.value)} className={inputClass}>
              {hook.methods.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-headers`} className={labelClass}>
              Headers
            </label>
            <textarea id={`${id}-headers`} value={headers} onChange={(e) => setHeaders(e.target.value)} rows={3} spellCheck={false} placeholder="x-shop-id: 42" className={`${inputClass} font-mono text-xs leading-5`} />
          </div>
          <div>
            <label htmlFor={`${id}-query`} className={labelClass}>
              Query
            </label>
            <textarea id={`${id}-query`} value={query} onChange={(e) => setQuery(e.target.value)} rows={3} spellCheck={false} placeholder="page=2" className={`${inputClass} font-mono text-xs leading-5`} />
          </div>
        </div>
        {lastRequest ? <p className="text-xs text-gray-500">Filled in from the last request this workflow received.</p> : null}
        <div>
          <label htmlFor={`${id}-payload`} className={labelClass}>
            Sample payload (JSON body)
          </label>
          <textarea
            id={`${id}-payload`}
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            rows={7}
            spellCheck={false}
            aria-invalid={parseError ? true : undefined}
            aria-describedby={parseError ? `${id}-payload-error` : undefined}
            className={`${inputClass} font-mono text-xs leading-5`}
          />
          {parseError ? (
            <p id={`${id}-payload-error`} role="alert" className="mt-1 text-sm text-red-700">
              {parseError}
            </p>
          ) : null}
        </div>
        <p className="text-xs text-gray-500">Runs the saved version as a manual execution, even while the workflow is inactive; webhook authentication is not required.</p>
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Send test request"}
        </Button>
      </form>
      {executionId ? <LiveExecution key={executionId} executionId={executionId} /> : null}
    </div>
  );
}
