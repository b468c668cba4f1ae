import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { revokeApiKey } from "@/lib/auth/api-keys";

export const DELETE = withCaller<{ id: string }>("apiKeys.revoke", async ({ params, caller }) => {
  await revokeApiKey(caller.id, parseId(params.id, "API key"));
  return new Response(null, { status: 204 });
});
