import { withCaller } from "@/lib/api/with-route";
import { listExecutions, listExecutionsQuery } from "@/lib/executions/execution-queries";
import { routeMethods } from "@/lib/api/route-methods";

const handleGet = withCaller("executions.list", async ({ request, caller }) => {
  const query = listExecutionsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listExecutions(caller.id, query));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
