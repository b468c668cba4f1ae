import { withCaller } from "@/lib/api/with-route";
import { executionChangesQuery, executionChangesSince } from "@/lib/executions/execution-changes";

// Catch-up for the realtime client: executions that changed after the last event it applied.
export const GET = withCaller("events.list", async ({ request, caller }) => {
  const query = executionChangesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await executionChangesSince(caller.id, query));
});
