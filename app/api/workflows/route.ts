import { withCaller, readJson } from "@/lib/api/with-route";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { getWorkflow, listWorkflows, listWorkflowsQuery } from "@/lib/workflows/workflow-queries";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";

export const GET = withCaller("workflows.list", async ({ request, caller }) => {
  const query = listWorkflowsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ items: await listWorkflows(caller.id, publicBaseUrl(request), query) });
});

export const POST = withCaller("workflows.create", async ({ request, caller }) => {
  const { input } = parseWorkflowInput(await readJson(request));
  const { id } = await createWorkflow(caller.id, input);
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)), { status: 201 });
});
