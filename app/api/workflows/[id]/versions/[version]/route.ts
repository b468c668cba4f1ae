import { routeMethods } from "@/lib/api/route-methods";
import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { parseVersionNumber } from "@/lib/workflows/version-number";
import { getVersion } from "@/lib/workflows/workflow-versions";

const handleGet = withCaller<{ id: string; version: string }>("workflows.versions.get", async ({ params, caller }) => {
  return Response.json(await getVersion(caller.id, parseId(params.id, "Workflow"), parseVersionNumber(params.version)));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
