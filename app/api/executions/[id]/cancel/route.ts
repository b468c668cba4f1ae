import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { afterResponse } from "@/lib/api/after-response";
import { cancelExecution } from "@/lib/executions/cancel-execution";
import { routeMethods } from "@/lib/api/route-methods";

const handlePost = withCaller<{ id: string }>("executions.cancel", async ({ params, caller }) => {
  const { id, status, published } = await cancelExecution(caller.id, parseId(params.id, "Execution"));
  afterResponse(() => published);
  return Response.json({ id, status });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
