import { withRoute } from "@/lib/api/with-route";
import { allMethods } from "@/lib/api/route-methods";
import { AppError } from "@/lib/api/errors";
import { isDraining } from "@/lib/executions/in-flight";
import { handleWebhook } from "@/lib/triggers/handle-webhook";
import { workOpportunistically } from "@/lib/worker/opportunistic-work";

// Webhooks are per-request work: never cached, always on the Node runtime (pg).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handler = withRoute<{ path: string[] }>("webhook", ({ request, params }) => {
  // A server that is shutting down takes no new runs; the sender retries (elsewhere).
  if (isDraining()) throw new AppError({ code: "unavailable", message: "Server is shutting down; retry", headers: { "Retry-After": "2", Connection: "close" } });
  workOpportunistically();
  return handleWebhook(request, params.path);
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = allMethods(handler);
