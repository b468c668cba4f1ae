import { withCaller } from "@/lib/api/with-route";
import { workflowStats } from "@/lib/workflows/workflow-stats";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

// Per workflow: runs and failures over the last 24 h and the latest run's status.
const handleGet = withCaller("workflows.stats", async ({ caller }) => {
  return Response.json({ items: await workflowStats(caller.id) });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
