import { z } from "zod";
import { readForm, readJson, withCaller } from "@/lib/api/with-route";
import { isJsonMediaType, parseContentType } from "@/lib/api/content-type";
import { authorizeUserChannel } from "@/lib/realtime/authorize-channel";
import { routeMethods } from "@/lib/api/route-methods";

const authSchema = z.object({ socket_id: z.string().nullable().default(null), channel_name: z.string().nullable().default(null) });

// pusher-js channel authorization: socket_id + channel_name, as JSON (the app's own client,
// lib/realtime/use-realtime.ts) or form-encoded (pusher-js's default, with an API key).
const handlePost = withCaller("realtime.auth", async ({ request, caller }) => {
  const type = parseContentType(request.headers.get("content-type"));
  const fields = type && isJsonMediaType(type.mediaType) ? authSchema.parse(await readJson(request)) : Object.fromEntries(await readForm(request));
  return Response.json(authorizeUserChannel(caller.id, fields.socket_id ?? null, fields.channel_name ?? null));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
