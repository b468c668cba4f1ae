import type { ServerMessage } from "./protocol";

export type Subscriber = { socketId: string; send(message: ServerMessage): void };
export type PresenceMember = { userId: string; userInfo: unknown };

type Subscription = { subscriber: Subscriber; member?: PresenceMember };

export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;

/**
 * Who is subscribed to what, plus presence membership. A presence member is a user,
 * not a socket: one user with two tabs is one member, added on the first socket and
 * removed with the last — that is what pusher-js's `members` expects.
 */
export function createChannelRegistry() {
  const channels = new Map<string, Map<string, Subscription>>();

  function hasOtherSocketFor(subs: Map<string, Subscription>, userId: string, exceptSocketId: string): boolean {
    for (const [socketId, sub] of subs) {
      if (socketId !== exceptSocketId && sub.member?.userId === userId) return true;
    }
    return false;
  }

  function publish(channel: string, event: string, data: string, exceptSocketId?: string): number {
    const subs = channels.get(channel);
    if (!subs) return 0;
    let delivered = 0;
    for (const [socketId, { subscriber }] of subs) {
      if (socketId === exceptSocketId) continue;
      subscriber.send({ event, channel, data });
      delivered++;
    }
    return delivered;
  }

  function subscribe(channel: string, subscriber: Subscriber, member?: PresenceMember): void {
    let subs = channels.get(channel);
    if (!subs) {
      subs = new Map();
      channels.set(channel, subs);
    }
    const isNewMember = member !== undefined && !hasOtherSocketFor(subs, member.userId, subscriber.socketId);
    subs.set(subscriber.socketId, { subscriber, member });
    if (member && isNewMember) {
      const data = JSON.stringify({ user_id: member.userId, user_info: member.userInfo });
      publish(channel, "pusher_internal:member_added", data, subscriber.socketId);
    }
  }

  function unsubscribe(channel: string, socketId: string): void {
    const subs = channels.get(channel);
    const sub = subs?.get(socketId);
    if (!subs || !sub) return;
    subs.delete(socketId);
    if (subs.size === 0) channels.delete(channel);
    else if (sub.member && !hasOtherSocketFor(subs, sub.member.userId, socketId)) {
      publish(channel, "pusher_internal:member_removed", JSON.stringify({ user_id: sub.member.userId }));
    }
  }

  function removeSocket(socketId: string): void {
    for (const channel of [...channels.keys()]) unsubscribe(channel, socketId);
  }

  /** The `data` of `pusher_internal:subscription_succeeded` on a presence channel. */
  function presenceSnapshot(channel: string): string {
    const hash: Record<string, unknown> = {};
    for (const { member } of channels.get(channel)?.values() ?? []) {
      if (member) hash[member.userId] = member.userInfo ?? null;
    }
    const ids = Object.keys(hash);
    return JSON.stringify({ presence: { ids, hash, count: ids.length } });
  }

  return { publish, subscribe, unsubscribe, removeSocket, presenceSnapshot };
}
