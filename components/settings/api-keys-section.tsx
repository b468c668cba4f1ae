"use client";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/data/fetch-api";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { SkeletonBar } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { ApiKeyList } from "./api-key-list";
import { NewKeyNotice } from "./new-key-notice";
import { useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKey, type CreatedApiKey } from "./use-api-keys";

export function ApiKeysSection() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim() || "API key", {
      onSuccess: (key) => {
        setCreated(key);
        setName("");
      },
      onError: (error) => toast.error("API key not created", errorMessage(error)),
    });
  };
  const confirmRevoke = () => {
    if (!revoking) return;
    const key = revoking;
    revoke.mutate(key.id, {
      onSuccess: () => toast.success(`API key “${key.name}” revoked`, "Requests with it now get 401."),
      onError: (error) => toast.error("API key not revoked", errorMessage(error)),
      onSettled: () => setRevoking(null),
    });
  };

  return (
    <section aria-labelledby="api-keys-heading" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs sm:p-5">
      <h2 id="api-keys-heading" className="text-base font-semibold text-gray-900">
        API keys
      </h2>
      <p className="mt-1 text-sm text-gray-600">For scripts and CI: the REST API accepts a key as a Bearer token. Revoked keys stop working at once.</p>
      <form onSubmit={submit} className="mt-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="api-key-name" className={labelClass}>
            Key name
          </label>
          <input id="api-key-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="e.g. CI deploys" className={inputClass} />
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create API key"}
        </Button>
      </form>
      {created ? (
        <div className="mt-4">
          <NewKeyNotice apiKey={created} onDone={() => setCreated(null)} />
        </div>
      ) : null}
      <div className="mt-5">
        {keys.isPending ? (
          <div aria-busy="true" className="space-y-2">
            <p className="sr-only" role="status">Loading API keys…</p>
            {Array.from({ length: 2 }, (_, i) => (
              <SkeletonBar key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : keys.isError ? (
          <ErrorAlert title="Could not load API keys">{keys.error.message}</ErrorAlert>
        ) : keys.data.length === 0 ? (
          <p className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center text-sm text-gray-600">No API keys yet. Create one to call the REST API.</p>
        ) : (
          <ApiKeyList keys={keys.data} onRevoke={setRevoking} />
        )}
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      >
        Scripts using the key <code className="font-mono text-xs">{revoking?.prefix}…</code> get 401 from now on. This cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
