import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { workflowStorage } from "@/lib/executions/workflow-storage";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

// Stored size and counts of one workflow's execution history (see workflow-storage.ts).
const handleGet = withCaller<{ id: string }>("workflows.stats", async ({ params, caller }) => {
  return Response.json(await workflowStorage(caller.id, parseId(params.id, "Workflow")));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
