"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { toast } from "@/components/ui/toast";
import type { WebhookSecret } from "../workflow-types";

const AUTH_HINT: Record<Exclude<WebhookSecret["authType"], "none">, string> = {
  header: "Send it as the value of the header below.",
  hmac: "Sign each request with it: x-hookflow-signature: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, t + '.' + body)).",
  github: "Paste it as the webhook secret in GitHub; it signs X-Hub-Signature-256.",
};

// The secret is fetched only when asked for and kept in component state, never in the query
// cache, so it leaves memory when the panel unmounts.
export function WebhookSecretControls({ workflowId, nodeId, authType }: { workflowId: string; nodeId: string; authType: Exclude<WebhookSecret["authType"], "none"> }) {
  const [secret, setSecret] = useState<WebhookSecret | null>(null);
  const [confirming, setConfirming] = useState(false);
  const base = `/api/workflows/${workflowId}/webhooks/${encodeURIComponent(nodeId)}`;
  const reveal = useMutation({
    mutationFn: () => fetchApi<WebhookSecret>(`${base}/secret`),
    onSuccess: setSecret,
    onError: (error) => toast.error("Could not read the secret", errorMessage(error)),
  });
  const rotate = useMutation({
    mutationFn: () => fetchApi<WebhookSecret>(`${base}/rotate-secret`, { method: "POST" }),
    onSuccess: (fresh) => {
      setSecret(fresh);
      setConfirming(false);
      toast.success("Secret rotated", "The old secret no longer works. Update the sender now.");
    },
    onError: (error) => {
      setConfirming(false);
      toast.error("Could not rotate the secret", errorMessage(error));
    },
  });

  return (
    <div className="rounded-md border border-gray-200 bg-gray-50 p-3">
      <p className="text-sm font-medium text-gray-900">Secret</p>
      <p className="mt-0.5 text-xs text-gray-600">{AUTH_HINT[authType]}</p>
      {secret ? (
        <div className="mt-2 space-y-1">
          {secret.headerName ? (
            <p className="text-xs text-gray-700">
              Header: <code className="font-mono">{secret.headerName}</code>
            </p>
          ) : null}
          <div className="flex items-center gap-2">
            <code aria-label={`Secret of ${nodeId}`} className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-gray-900 ring-1 ring-gray-200">
              {secret.secret}
            </code>
            <CopyButton text={secret.secret} label="Copy secret" />
          </div>
        </div>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => (secret ? setSecret(null) : reveal.mutate())}
          disabled={reveal.isPending}
          className="rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium text-gray-800 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          {secret ? "Hide secret" : reveal.isPending ? "Loading…" : "Reveal secret"}
        </button>
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded-md border border-red-300 bg-white px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          Rotate secret
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Rotate the secret of “${nodeId}”?`}
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        onConfirm={() => rotate.mutate()}
        onCancel={() => setConfirming(false)}
      >
        A new secret is generated and the current one stops working immediately. Requests signed with the old secret are refused until the sender is updated.
      </ConfirmDialog>
    </div>
  );
}
