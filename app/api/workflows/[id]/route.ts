import { withCaller, readJson } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { archiveWorkflow, updateWorkflow } from "@/lib/workflows/save-workflow";
import { getWorkflow } from "@/lib/workflows/workflow-queries";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";
import { routeMethods } from "@/lib/api/route-methods";

type Params = { id: string };

const handleGet = withCaller<Params>("workflows.get", async ({ request, params, caller }) => {
  return Response.json(await getWorkflow(caller.id, parseId(params.id, "Workflow"), publicBaseUrl(request)));
});

const handlePut = withCaller<Params>("workflows.update", async ({ request, params, caller }) => {
  const id = parseId(params.id, "Workflow");
  const { input } = parseWorkflowInput(await readJson(request));
  await updateWorkflow(caller.id, id, input);
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)));
});

// Archives: executions and versions stay readable; see archiveWorkflow.
const handleDelete = withCaller<Params>("workflows.delete", async ({ params, caller }) => {
  await archiveWorkflow(caller.id, parseId(params.id, "Workflow"));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet, PUT: handlePut, DELETE: handleDelete });
