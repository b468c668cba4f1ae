import { routeMethods } from "@/lib/api/route-methods";
import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { getWorkflow } from "@/lib/workflows/workflow-queries";
import { parseVersionNumber } from "@/lib/workflows/version-number";
import { publicBaseUrl } from "@/lib/workflows/webhook-url";
import { restoreVersion } from "@/lib/workflows/workflow-versions";

// Saves that version's definition as a new version; answers with the workflow as PUT does.
const handlePost = withCaller<{ id: string; version: string }>("workflows.versions.restore", async ({ request, params, caller }) => {
  const id = parseId(params.id, "Workflow");
  await restoreVersion(caller.id, id, parseVersionNumber(params.version));
  return Response.json(await getWorkflow(caller.id, id, publicBaseUrl(request)));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
