import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { workflowStorage } from "@/lib/executions/workflow-storage";

export const dynamic = "force-dynamic";

// Stored size and counts of one workflow's execution history (see workflow-storage.ts).
export const GET = withCaller<{ id: string }>("workflows.stats", async ({ params, caller }) => {
  return Response.json(await workflowStorage(caller.id, parseId(params.id, "Workflow")));
});
