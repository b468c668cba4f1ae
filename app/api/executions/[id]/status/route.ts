import { withRoute } from "@/lib/api/with-route";
import { readExecutionStatus } from "@/lib/executions/execution-status-token";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

// Public: the token in the URL (handed out with a webhook's deadline 202) is the credential.
const handleGet = withRoute<{ id: string }>("executions.status", async ({ request, params }) => {
  const view = await readExecutionStatus(params.id, new URL(request.url).searchParams.get("token"));
  return Response.json(view, { headers: { "cache-control": "no-store" } });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
