import { logger } from "@/lib/logger";
import { microBatch } from "@/lib/micro-batch";
import { userChannel, type RealtimeMessage } from "./events";
import { pusherServer } from "./pusher-client";

// Pusher accepts at most 10 events per batch call.
const MAX_BATCH = 10;
// Events wait up to this long for others to share their HTTP call. A short webhook run publishes
// executionStarted and executionCompleted a few ms apart: without a window they were two calls
// (each a signed HTTP request here and a verified one on the Pusher side, ~0.3 ms of CPU each end
// on our machines, and most of a run's realtime cost at low load). A browser refetches on the
// signal anyway, so 15 ms more latency on it is invisible; a webhook's answer never waits for it.
const WINDOW_MS = 15;

export type PublishTransport = (batch: { channel: string; name: string; data: unknown }[]) => Promise<unknown>;

const defaultTransport: PublishTransport = (batch) => pusherServer().triggerBatch(batch);

let transport: PublishTransport = defaultTransport;

// Tests swap the transport to prove a failing publisher never fails or loses a run.
export function setPublishTransport(next: PublishTransport | null): void {
  transport = next ?? defaultTransport;
}

// Events published within the window or while a call is in flight share the next
// `batch_events` call, so load does not turn into one HTTP request per event. Never rejects:
// realtime is a signal and the database is the truth, so a failure is logged and the run goes on.
const send = microBatch<RealtimeMessage, void>({
  name: "realtime publish",
  maxBatch: MAX_BATCH,
  concurrency: 4,
  windowMs: WINDOW_MS,
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
