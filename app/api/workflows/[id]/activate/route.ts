import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { setWorkflowActive } from "@/lib/workflows/save-workflow";
import { getWorkflow } from "@/lib/workflows/workflow-queries";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";
import { routeMethods } from "@/lib/api/route-methods";

const handlePost = withCaller<{ id: string }>("workflows.activate", async ({ request, params, caller }) => {
  const id = parseId(params.id, "Workflow");
  await setWorkflowActive(caller.id, id, true);
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
