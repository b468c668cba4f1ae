import { readForm, withCaller } from "@/lib/api/with-route";
import { authorizeUserChannel } from "@/lib/realtime/authorize-channel";
import { routeMethods } from "@/lib/api/route-methods";

// pusher-js channel authorization: form-encoded socket_id + channel_name.
const handlePost = withCaller("realtime.auth", async ({ request, caller }) => {
  const form = await readForm(request);
  return Response.json(authorizeUserChannel(caller.id, form.get("socket_id"), form.get("channel_name")));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
