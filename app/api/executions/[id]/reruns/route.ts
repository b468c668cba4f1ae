import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { listReruns } from "@/lib/executions/execution-reruns";
import { routeMethods } from "@/lib/api/route-methods";

const handleGet = withCaller<{ id: string }>("executions.reruns", async ({ params, caller }) => {
  return Response.json(await listReruns(caller.id, parseId(params.id, "Execution")));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
