import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { setWorkflowActive } from "@/lib/workflows/save-workflow";
import { getWorkflow } from "@/lib/workflows/workflow-queries";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";

export const POST = withCaller<{ id: string }>("workflows.activate", async ({ request, params, caller }) => {
  const id = parseId(params.id, "Workflow");
  await setWorkflowActive(caller.id, id, true);
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)));
});
