import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { PageHeader } from "@/components/layout/page-header";
import { WorkflowsScreen } from "@/components/workflows/workflows-screen";
import { exampleWorkflowJson } from "@/components/workflows/example-workflow";

export const metadata: Metadata = { title: "Workflows" };

export default function WorkflowsPage() {
  // Generated per request on the server so the prefilled textarea hydrates identically.
  const exampleJson = exampleWorkflowJson(randomUUID().slice(0, 8));
  return (
    <>
      <PageHeader title="Workflows" description="Each webhook node gets a URL. Requests to it start an execution." />
      <WorkflowsScreen exampleJson={exampleJson} />
    </>
  );
}
