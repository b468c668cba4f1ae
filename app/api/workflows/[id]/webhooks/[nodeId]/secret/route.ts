import { withCaller } from "@/lib/api/with-route";
import { secretJson } from "@/lib/api/secret-response";
import { parseId } from "@/lib/api/ids";
import { getWebhookSecret } from "@/lib/triggers/webhook-secrets";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

// The owner reads the secret to configure the sender; it is never part of the workflow JSON.
const handleGet = withCaller<{ id: string; nodeId: string }>("webhooks.secret", async ({ params, caller }) => {
  const secret = await getWebhookSecret(caller.id, parseId(params.id, "Workflow"), params.nodeId);
  return secretJson(secret);
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
