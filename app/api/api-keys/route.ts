import { readJson, withCaller } from "@/lib/api/with-route";
import { createApiKey, createApiKeySchema, listApiKeys } from "@/lib/auth/api-keys";

export const GET = withCaller("apiKeys.list", async ({ caller }) => {
  return Response.json({ items: await listApiKeys(caller.id) });
});

export const POST = withCaller("apiKeys.create", async ({ request, caller }) => {
  const { name } = createApiKeySchema.parse(await readJson(request));
  return Response.json(await createApiKey(caller.id, name), { status: 201 });
});
