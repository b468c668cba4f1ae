import { withCaller } from "@/lib/api/with-route";
import { secretJson } from "@/lib/api/secret-response";
import { parseId } from "@/lib/api/ids";
import { rotateWebhookSecret } from "@/lib/triggers/webhook-secrets";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

// The old secret stops working immediately (every request reads the row); there is no
// overlap period, so update the sender right after rotating.
const handlePost = withCaller<{ id: string; nodeId: string }>("webhooks.rotate-secret", async ({ params, caller }) => {
  const secret = await rotateWebhookSecret(caller.id, parseId(params.id, "Workflow"), params.nodeId);
  return secretJson(secret);
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
