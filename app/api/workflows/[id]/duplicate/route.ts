import { routeMethods } from "@/lib/api/route-methods";
import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { getWorkflow } from "@/lib/workflows/workflow-queries";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";
import { duplicateWorkflow } from "@/lib/workflows/workflow-versions";

const handlePost = withCaller<{ id: string }>("workflows.duplicate", async ({ request, params, caller }) => {
  const { id } = await duplicateWorkflow(caller.id, parseId(params.id, "Workflow"));
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)), { status: 201 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
