import { withCaller } from "@/lib/api/with-route";
import { executionStats, executionStatsQuery } from "@/lib/executions/execution-stats";
import { routeMethods } from "@/lib/api/route-methods";

const handleGet = withCaller("executions.stats", async ({ request, caller }) => {
  const query = executionStatsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await executionStats(caller.id, query));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
