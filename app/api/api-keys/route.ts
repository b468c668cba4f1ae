import { readJson, withCaller } from "@/lib/api/with-route";
import { secretJson } from "@/lib/api/secret-response";
import { createApiKey, createApiKeySchema, listApiKeys } from "@/lib/auth/api-keys";
import { routeMethods } from "@/lib/api/route-methods";

const handleGet = withCaller("apiKeys.list", async ({ caller }) => {
  return Response.json({ items: await listApiKeys(caller.id) });
});

const handlePost = withCaller("apiKeys.create", async ({ request, caller }) => {
  const { name } = createApiKeySchema.parse(await readJson(request));
  return secretJson(await createApiKey(caller.id, name), { status: 201 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet, POST: handlePost });
