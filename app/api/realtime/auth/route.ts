import { withCaller } from "@/lib/api/with-route";
import { authorizeUserChannel } from "@/lib/realtime/authorize-channel";

// pusher-js channel authorization: form-encoded socket_id + channel_name.
export const POST = withCaller("realtime.auth", async ({ request, caller }) => {
  const form = new URLSearchParams(await request.text());
  return Response.json(authorizeUserChannel(caller.id, form.get("socket_id"), form.get("channel_name")));
});
