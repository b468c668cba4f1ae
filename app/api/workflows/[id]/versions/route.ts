import { routeMethods } from "@/lib/api/route-methods";
import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { listVersions } from "@/lib/workflows/workflow-versions";

const handleGet = withCaller<{ id: string }>("workflows.versions.list", async ({ params, caller }) => {
  return Response.json({ items: await listVersions(caller.id, parseId(params.id, "Workflow")) });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
