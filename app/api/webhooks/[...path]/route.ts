import { withRoute } from "@/lib/api/with-route";
import { handleWebhook } from "@/lib/triggers/handle-webhook";

// Webhooks are per-request work: never cached, always on the Node runtime (pg).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handler = withRoute<{ path: string[] }>("webhook", ({ request, params }) => handleWebhook(request, params.path));

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
