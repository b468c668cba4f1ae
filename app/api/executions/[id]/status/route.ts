import { withRoute } from "@/lib/api/with-route";
import { readExecutionStatus } from "@/lib/executions/execution-status-token";

export const dynamic = "force-dynamic";

// Public: the token in the URL (handed out with a webhook's deadline 202) is the credential.
export const GET = withRoute<{ id: string }>("executions.status", async ({ request, params }) => {
  const view = await readExecutionStatus(params.id, new URL(request.url).searchParams.get("token"));
  return Response.json(view, { headers: { "cache-control": "no-store" } });
});
