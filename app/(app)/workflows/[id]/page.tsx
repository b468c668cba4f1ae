import type { Metadata } from "next";
import { WorkflowDetailScreen } from "@/components/workflows/detail/workflow-detail-screen";
import { nodeCatalog } from "@/lib/workflows/node-catalog";

export const metadata: Metadata = { title: "Workflow" };

// The node catalog is derived on the server from the engine's registry (the browser bundle never
// imports node handlers) and handed to the builder as plain JSON.
export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkflowDetailScreen id={id} catalog={nodeCatalog()} />;
}
