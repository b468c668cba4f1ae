import type { Metadata } from "next";
import { WorkflowDetailScreen } from "@/components/workflows/detail/workflow-detail-screen";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkflowDetailScreen id={id} />;
}
