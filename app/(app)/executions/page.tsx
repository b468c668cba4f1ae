import type { Metadata } from "next";
import { Suspense } from "react";
import { ExecutionsScreen } from "@/components/executions/executions-screen";
import { ExecutionTableSkeleton } from "@/components/executions/execution-table";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Executions" };

export default function ExecutionsPage() {
  return (
    <>
      <PageHeader title="Executions" description="Every webhook run, newest first. Updates live." />
      {/* useSearchParams (the filters) needs a Suspense boundary. */}
      <Suspense fallback={<ExecutionTableSkeleton />}>
        <ExecutionsScreen />
      </Suspense>
    </>
  );
}
