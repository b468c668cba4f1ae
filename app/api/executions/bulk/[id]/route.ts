import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { routeMethods } from "@/lib/api/route-methods";
import { getBulkOperation } from "@/lib/executions/bulk/bulk-operations";

const handleGet = withCaller<{ id: string }>("executions.bulk.get", async ({ params, caller }) => {
  return Response.json(await getBulkOperation(caller.id, parseId(params.id, "Bulk operation")));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
