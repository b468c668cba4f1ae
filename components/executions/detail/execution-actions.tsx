"use client";
import { isTerminal } from "@/lib/executions/status";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ExecutionDetail } from "@/components/data/api-types";
import { errorMessage, fetchApi, isApiError } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { useWebhookOrigin } from "@/components/providers/app-providers";
import { executionKeys } from "@/lib/query-keys";
import { buildCurl } from "./build-curl";
import { EditedRerunButton } from "./edited-rerun-dialog";
import { RerunButton } from "./rerun-button";

type Props = { execution: ExecutionDetail; comparing: boolean; onToggleCompare: () => void };

export function ExecutionActions({ execution, comparing, onToggleCompare }: Props) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => fetchApi<{ id: string; status: string }>(`/api/executions/${execution.id}/cancel`, { method: "POST" }),
    // 409: it finished meanwhile. Either way the database has the final word: refetch.
    onSettled: () => queryClient.invalidateQueries({ queryKey: executionKeys.detail(execution.id) }),
  });
  const cancelConflict = isApiError(cancel.error, 409);

  return (
    <div className="space-y-2">
      <div role="group" aria-label="Execution actions" className="flex flex-wrap items-center gap-2">
        <RerunButton execution={execution} />
        {execution.trigger ? <EditedRerunButton execution={execution} /> : null}
        {execution.retryOfId ? (
          <Button variant="secondary" aria-pressed={comparing} onClick={onToggleCompare}>
            Compare with original
          </Button>
        ) : null}
        {!isTerminal(execution.status) ? (
          <Button variant="secondary" className="text-red-700" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            {cancel.isPending ? "Cancelling…" : "Cancel run"}
          </Button>
        ) : null}
        {execution.trigger ? <CopyCurlButton execution={execution} /> : null}
      </div>
      {cancel.isError && !cancelConflict ? (
        <p role="alert" className="text-sm text-red-700">
          Could not cancel: {errorMessage(cancel.error)}
        </p>
      ) : null}
    </div>
  );
}

function CopyCurlButton({ execution }: { execution: ExecutionDetail }) {
  const webhookOrigin = useWebhookOrigin();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const [text, setText] = useState("");
  const copy = async () => {
    const curl = buildCurl(execution.trigger!, webhookOrigin ?? window.location.origin, execution.sentResponse);
    setText(curl);
    try {
      await navigator.clipboard.writeText(curl);
      setState("copied");
      setTimeout(() => setState("idle"), 2_000);
    } catch (error) {
      // No clipboard (insecure origin, denied permission): show the command to copy by hand.
      console.warn("[copy-curl] clipboard write failed", error);
      setState("failed");
    }
  };
  return (
    <>
      <Button variant="secondary" onClick={() => void copy()}>
        <span aria-live="polite">{state === "copied" ? "Copied curl" : "Copy as curl"}</span>
      </Button>
      {state === "failed" ? (
        <textarea
          readOnly
          aria-label="curl command"
          value={text}
          rows={4}
          onFocus={(e) => e.currentTarget.select()}
          className="mt-2 block w-full basis-full rounded-md border border-gray-300 p-2 font-mono text-xs"
        />
      ) : null}
    </>
  );
}
