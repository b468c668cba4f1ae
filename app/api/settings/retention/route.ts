import { readJson, withCaller } from "@/lib/api/with-route";
import { getRetentionSettings, retentionInputSchema, updateRetentionSettings } from "@/lib/executions/retention-settings";
import { routeMethods } from "@/lib/api/route-methods";

export const dynamic = "force-dynamic";

const handleGet = withCaller("settings.retention.get", async ({ caller }) => {
  return Response.json(await getRetentionSettings(caller.id));
});

const handlePut = withCaller("settings.retention.put", async ({ request, caller }) => {
  const input = retentionInputSchema.parse(await readJson(request));
  return Response.json(await updateRetentionSettings(caller.id, input));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet, PUT: handlePut });
