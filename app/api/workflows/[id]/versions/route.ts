import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { listVersions } from "@/lib/workflows/workflow-versions";

export const GET = withCaller<{ id: string }>("workflows.versions.list", async ({ params, caller }) => {
  return Response.json({ items: await listVersions(caller.id, parseId(params.id, "Workflow")) });
});
