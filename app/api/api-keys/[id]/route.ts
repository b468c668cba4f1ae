import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { routeMethods } from "@/lib/api/route-methods";

const handleDelete = withCaller<{ id: string }>("apiKeys.revoke", async ({ params, caller }) => {
  await revokeApiKey(caller.id, parseId(params.id, "API key"));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ DELETE: handleDelete });
