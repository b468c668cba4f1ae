import { logger } from "@/lib/logger";
import { microBatch } from "@/lib/micro-batch";
import { userChannel, type RealtimeMessage } from "./events";
import { pusherServer } from "./pusher-client";

// Pusher accepts at most 10 events per batch call.
const MAX_BATCH = 10;

export type PublishTransport = (batch: { channel: string; name: string; data: unknown }[]) => Promise<unknown>;

const defaultTransport: PublishTransport = (batch) => pusherServer().triggerBatch(batch);

let transport: PublishTransport = defaultTransport;

// Tests swap the transport to prove a failing publisher never fails or loses a run.
export function setPublishTransport(next: PublishTransport | null): void {
  transport = next ?? defaultTransport;
}

// Events published while a call is in flight share the next `batch_events` call, so
// load does not turn into one HTTP request per event. Never rejects: realtime is a
// signal and the database is the truth, so a failure is logged and the run goes on.
const send = microBatch<RealtimeMessage, void>({
  name: "realtime publish",
  maxBatch: MAX_BATCH,
  concurrency: 4,
  run: async (messages) => {
    const batch = messages.map((m) => ({ channel: userChannel(m.userId), name: m.name, data: m.data }));
    try {
      await transport(batch);
    } catch (error) {
      logger.warn("realtime publish failed", { events: batch.map((b) => b.name), error });
    }
    return messages.map(() => undefined);
  },
});

/** Resolves once the events were sent or their failure was logged. */
export function publish(...messages: RealtimeMessage[]): Promise<void> {
  return Promise.all(messages.map(send)).then(() => undefined);
}
