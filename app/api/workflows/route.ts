import { withCaller, readJson } from "@/lib/api/with-route";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { getWorkflow, listWorkflows, listWorkflowsQuery } from "@/lib/workflows/workflow-queries";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";
import { routeMethods } from "@/lib/api/route-methods";

const handleGet = withCaller("workflows.list", async ({ request, caller }) => {
  const query = listWorkflowsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ items: await listWorkflows(caller.id, publicBaseUrl(request), query) });
});

const handlePost = withCaller("workflows.create", async ({ request, caller }) => {
  const { input } = parseWorkflowInput(await readJson(request));
  const { id } = await createWorkflow(caller.id, input);
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)), { status: 201 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet, POST: handlePost });
