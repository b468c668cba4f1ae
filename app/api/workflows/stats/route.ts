import { withCaller } from "@/lib/api/with-route";
import { workflowStats } from "@/lib/workflows/workflow-stats";

export const dynamic = "force-dynamic";

// Per workflow: runs and failures over the last 24 h and the latest run's status.
export const GET = withCaller("workflows.stats", async ({ caller }) => {
  return Response.json({ items: await workflowStats(caller.id) });
});
