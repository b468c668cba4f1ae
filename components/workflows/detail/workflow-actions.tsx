"use client";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { workflowKeys } from "@/lib/query-keys";
import { errorMessage, fetchApi } from "@/components/data/fetch-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { WorkflowDetail } from "../workflow-types";

// Duplicate and archive. Archiving is what "delete" does: the runs stay readable in the history.
export function WorkflowActions({ workflow }: { workflow: WorkflowDetail }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const duplicate = useMutation({
    mutationFn: () => fetchApi<WorkflowDetail>(`/api/workflows/${workflow.id}/duplicate`, { method: "POST" }),
    onSuccess: async (copy) => {
      toast.success(`Created “${copy.name}”`, "The copy is inactive until you switch it on.");
      await queryClient.invalidateQueries({ queryKey: workflowKeys.lists() });
      router.push(`/workflows/${copy.id}`);
    },
    onError: (error) => toast.error("Not duplicated", errorMessage(error)),
  });
  const archive = useMutation({
    mutationFn: () => fetchApi<void>(`/api/workflows/${workflow.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setConfirming(false);
      toast.success(`Archived “${workflow.name}”`, "Its executions stay in the history.");
      await queryClient.invalidateQueries({ queryKey: workflowKeys.all });
    },
    onError: (error) => toast.error("Not archived", errorMessage(error)),
  });
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" onClick={() => duplicate.mutate()} disabled={duplicate.isPending}>
        {duplicate.isPending ? "Duplicating…" : "Duplicate"}
      </Button>
      {workflow.archivedAt ? null : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Archive
        </Button>
      )}
      <ConfirmDialog open={confirming} title={`Archive “${workflow.name}”?`} confirmLabel="Archive" pending={archive.isPending} onConfirm={() => archive.mutate()} onCancel={() => setConfirming(false)}>
        Its webhooks stop answering at once and their paths become free. Its executions and versions stay readable in the history until retention removes them.
      </ConfirmDialog>
    </div>
  );
}
