"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field-styles";
import { SkeletonBar } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";

type Retention = { maxAgeDays: number; maxExecutionsPerWorkflow: number | null; dropPayloadOnly: boolean };

const KEY = ["settings", "retention"] as const;

export function RetentionSection() {
  const queryClient = useQueryClient();
  const { data, isPending, error } = useQuery({ queryKey: KEY, queryFn: () => fetchApi<Retention>("/api/settings/retention") });
  const save = useMutation({
    mutationFn: (next: Retention) => fetchApi<Retention>("/api/settings/retention", { method: "PUT", body: next }),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      toast.success("Retention saved", "Older executions are pruned within a few minutes.");
    },
    onError: (e) => toast.error("Could not save retention", errorMessage(e)),
  });

  return (
    <section aria-labelledby="retention-heading" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs sm:p-5">
      <h2 id="retention-heading" className="text-base font-semibold text-gray-900">
        Execution retention
      </h2>
      <p className="mt-1 text-sm text-gray-600">How long runs are kept. Pruning happens in the background, in small batches.</p>
      {isPending ? (
        <SkeletonBar className="mt-4 h-32" />
      ) : error ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {errorMessage(error)}
        </p>
      ) : (
        // Keyed by the saved values so the form starts from them after every save.
        <RetentionForm key={JSON.stringify(data)} initial={data} saving={save.isPending} onSave={(next) => save.mutate(next)} />
      )}
    </section>
  );
}

function RetentionForm({ initial, saving, onSave }: { initial: Retention; saving: boolean; onSave: (next: Retention) => void }) {
  const [maxAgeDays, setMaxAgeDays] = useState(String(initial.maxAgeDays));
  const [maxCount, setMaxCount] = useState(initial.maxExecutionsPerWorkflow === null ? "" : String(initial.maxExecutionsPerWorkflow));
  const [dropPayloadOnly, setDropPayloadOnly] = useState(initial.dropPayloadOnly);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ maxAgeDays: Number(maxAgeDays), maxExecutionsPerWorkflow: maxCount.trim() === "" ? null : Number(maxCount), dropPayloadOnly });
  };

  return (
    <form onSubmit={submit} className="mt-4 space-y-4">
      <div>
        <label htmlFor="retention-age" className={labelClass}>
          Keep executions for (days)
        </label>
        <input id="retention-age" type="number" min={1} max={3650} required value={maxAgeDays} onChange={(e) => setMaxAgeDays(e.target.value)} className={inputClass} />
      </div>
      <div>
        <label htmlFor="retention-count" className={labelClass}>
          Most executions kept per workflow <span className="font-normal text-gray-500">(empty: no limit)</span>
        </label>
        <input id="retention-count" type="number" min={1} value={maxCount} onChange={(e) => setMaxCount(e.target.value)} className={inputClass} />
      </div>
      <label className="flex items-start gap-2 text-sm text-gray-800">
        <input type="checkbox" checked={dropPayloadOnly} onChange={(e) => setDropPayloadOnly(e.target.checked)} className="mt-0.5" />
        <span>Keep old executions&apos; status and timing; drop only their payloads (request bodies, node inputs and outputs)</span>
      </label>
      <Button type="submit" disabled={saving}>
        {saving ? "Saving…" : "Save retention"}
      </Button>
    </form>
  );
}
