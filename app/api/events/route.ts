import { withCaller } from "@/lib/api/with-route";
import { routeMethods } from "@/lib/api/route-methods";
import { executionChangesQuery, executionChangesSince } from "@/lib/executions/execution-changes";

// Catch-up for the realtime client: executions that changed after the last event it applied.
const handleGet = withCaller("events.list", async ({ request, caller }) => {
  const query = executionChangesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await executionChangesSince(caller.id, query));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
