import { logger } from "@/lib/logger";
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

let queue: { message: RealtimeMessage; done: () => void }[] = [];
let scheduled = false;

async function flushQueue(): Promise<void> {
  scheduled = false;
  const pending = queue;
  queue = [];
  for (let i = 0; i < pending.length; i += MAX_BATCH) {
    const chunk = pending.slice(i, i + MAX_BATCH);
    const batch = chunk.map(({ message }) => ({ channel: userChannel(message.userId), name: message.name, data: message.data }));
    try {
      await transport(batch);
    } catch (error) {
      // Realtime is a signal; the database is the truth. Log and move on.
      logger.warn("realtime publish failed", { events: batch.map((b) => b.name), error });
    } finally {
      for (const item of chunk) item.done();
    }
  }
}

// Queues events and sends them in batch calls: everything published in the same
// tick (one run's node events, or many concurrent runs) shares HTTP requests.
// The promise resolves once the events were sent or the failure was logged; it never rejects.
export function publish(...messages: RealtimeMessage[]): Promise<void> {
  if (messages.length === 0) return Promise.resolve();
  const sent = messages.map((message) => new Promise<void>((done) => queue.push({ message, done })));
  if (!scheduled) {
    scheduled = true;
    setImmediate(() => void flushQueue());
  }
  return Promise.all(sent).then(() => undefined);
}
