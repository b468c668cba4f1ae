"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { RerunResponse } from "@/components/data/api-types";
import { fetchApi } from "@/components/data/fetch-api";

import type { RerunVersion } from "@/lib/executions/rerun-execution";

export type { RerunVersion };
export type RerunRequest = { version: RerunVersion; trigger?: { body: unknown } };

/** Starts a re-run of an execution (the saved request, or an edited body) and opens it; it continues live. */
export function useStartRerun(executionId: string) {
  const router = useRouter();
  return useMutation({
    mutationFn: (request: RerunRequest) => fetchApi<RerunResponse>(`/api/executions/${executionId}/rerun`, { method: "POST", body: request }),
    onSuccess: ({ executionId: started }) => router.push(`/executions/${started}`),
  });
}
