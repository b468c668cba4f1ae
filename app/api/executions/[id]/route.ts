import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { getExecution } from "@/lib/executions/execution-queries";
import { routeMethods } from "@/lib/api/route-methods";

const handleGet = withCaller<{ id: string }>("executions.get", async ({ params, caller }) => {
  return Response.json(await getExecution(caller.id, parseId(params.id, "Execution")));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
