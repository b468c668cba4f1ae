import type { Metadata } from "next";
import { ExecutionDetailScreen } from "@/components/executions/detail/execution-detail-screen";

export const metadata: Metadata = { title: "Execution" };

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ExecutionDetailScreen id={id} />;
}
