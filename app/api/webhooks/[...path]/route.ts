import { withRoute } from "@/lib/api/with-route";
import { allMethods } from "@/lib/api/route-methods";
import { isDraining } from "@/lib/executions/in-flight";
import { handleWebhook } from "@/lib/triggers/handle-webhook";
import { withWebhookSecurityHeaders } from "@/lib/triggers/webhook-answer";
import { workOpportunistically } from "@/lib/worker/opportunistic-work";

// Webhooks are per-request work: never cached, always on the Node runtime (pg).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// A draining server refuses inside handleWebhook (503), where refusals are logged. Every answer,
// refusals included, is sandboxed (docs/security/webhook-responses.md). Senders are not browsers
// acting on a session, so the CSRF rule does not apply.
const handler = withWebhookSecurityHeaders(
  withRoute<{ path: string[] }>(
    "webhook",
    ({ request, params }) => {
      if (!isDraining()) workOpportunistically();
      return handleWebhook(request, params.path);
    },
    { csrf: "exempt" },
  ),
);

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = allMethods(handler);
