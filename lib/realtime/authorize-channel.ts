import { AppError } from "@/lib/api/errors";
import { userChannel } from "./events";
import { pusherServer } from "./pusher-client";

const SOCKET_ID = /^\d+\.\d+$/;

// A user may subscribe to their own channel and nothing else.
export function authorizeUserChannel(userId: string, socketId: string | null, channel: string | null): { auth: string } {
  if (!socketId || !SOCKET_ID.test(socketId) || !channel) {
    throw new AppError({ code: "bad_request", message: "socket_id and channel_name are required" });
  }
  if (channel !== userChannel(userId)) {
    throw new AppError({ code: "forbidden", message: "You may only subscribe to your own channel" });
  }
  return pusherServer().authorizeChannel(socketId, channel);
}
