import { readJson, withCaller } from "@/lib/api/with-route";
import { getRetentionSettings, retentionInputSchema, updateRetentionSettings } from "@/lib/executions/retention-settings";

export const dynamic = "force-dynamic";

export const GET = withCaller("settings.retention.get", async ({ caller }) => {
  return Response.json(await getRetentionSettings(caller.id));
});

export const PUT = withCaller("settings.retention.put", async ({ request, caller }) => {
  const input = retentionInputSchema.parse(await readJson(request));
  return Response.json(await updateRetentionSettings(caller.id, input));
});
