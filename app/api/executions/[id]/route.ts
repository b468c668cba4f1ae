import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { getExecution } from "@/lib/executions/execution-queries";

export const GET = withCaller<{ id: string }>("executions.get", async ({ params, caller }) => {
  return Response.json(await getExecution(caller.id, parseId(params.id, "Execution")));
});
