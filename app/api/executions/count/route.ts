import { withCaller } from "@/lib/api/with-route";
import { countExecutions } from "@/lib/executions/count-executions";
import { executionFilterQuery } from "@/lib/executions/execution-queries";
import { routeMethods } from "@/lib/api/route-methods";

// The filter parameters of GET /api/executions; counted up to the bulk limit.
const handleGet = withCaller("executions.count", async ({ request, caller }) => {
  const filter = executionFilterQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await countExecutions(caller.id, filter));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
