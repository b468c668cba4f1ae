import { withCaller } from "@/lib/api/with-route";
import { listExecutions, listExecutionsQuery } from "@/lib/executions/execution-queries";

export const GET = withCaller("executions.list", async ({ request, caller }) => {
  const query = listExecutionsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listExecutions(caller.id, query));
});
