import { logger } from "@/lib/logger";
import { userChannel, type RealtimeMessage } from "./events";
import { pusherServer } from "./pusher-client";

// Pusher accepts at most 10 events per batch call.
const MAX_BATCH = 10;
// Batch calls in flight at once while Pusher answers.
const CONCURRENCY = 4;
// Events held while Pusher is unreachable; past this the oldest go (browsers catch up from
// the database by sequence number, so a dropped signal costs a refetch, never a lie).
const MAX_QUEUED = 20_000;
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];
// Events wait up to this long for others to share their HTTP call. A short webhook run publishes
// executionStarted and executionCompleted a few ms apart: without a window they were two calls
// (each a signed HTTP request here and a verified one on the Pusher side, ~0.3 ms of CPU each end
// on our machines, and most of a run's realtime cost at low load). A browser refetches on the
// signal anyway, so 15 ms more latency on it is invisible; a webhook's answer never waits for it.
const WINDOW_MS = 15;

export type PublishTransport = (batch: { channel: string; name: string; data: unknown }[]) => Promise<unknown>;

const defaultTransport: PublishTransport = (batch) => pusherServer().triggerBatch(batch);

let transport: PublishTransport = defaultTransport;

// Tests swap the transport to prove a failing publisher never fails or loses a run. A new
// transport starts afresh: events still queued for the old one are dropped, not leaked into it.
export function setPublishTransport(next: PublishTransport | null): void {
  transport = next ?? defaultTransport;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = undefined;
  failures = 0;
  for (const p of queue.splice(0)) p.done();
}

/** `n`: publication order, so events retried after concurrent failures go out in order. */
type Pending = { message: RealtimeMessage; done: () => void; n: number };
let published = 0;

// Events are sent in the order they were published, up to 10 per `batch_events` call and
// CONCURRENCY calls at once. A failed call is not dropped: its events go back to the front
// of the queue and the publisher retries with backoff, one call at a time, until Pusher
// answers again, then carries on in order. Publishing never rejects and never blocks a run.
let queue: Pending[] = [];
let inFlight = 0;
let failures = 0;
let retryTimer: NodeJS.Timeout | undefined;
let scheduled: { kind: "now"; handle: NodeJS.Immediate } | { kind: "window"; handle: NodeJS.Timeout } | undefined;

function pump(): void {
  scheduled = undefined;
  // While failing, probe with a single call so order is kept and Pusher is not hammered.
  const limit = failures > 0 ? 1 : CONCURRENCY;
  while (queue.length > 0 && inFlight < limit && retryTimer === undefined) {
    const batch = queue.splice(0, MAX_BATCH);
    inFlight += 1;
    void send(batch).finally(() => {
      inFlight -= 1;
      schedule();
    });
  }
}

function schedule(): void {
  if (queue.length === 0) return;
  // A full batch goes at once (also one that filled up while waiting); a partial one waits the
  // window for company.
  const full = queue.length >= MAX_BATCH;
  if (scheduled && !(full && scheduled.kind === "window")) return;
  if (scheduled?.kind === "window") clearTimeout(scheduled.handle);
  scheduled = full ? { kind: "now", handle: setImmediate(pump) } : { kind: "window", handle: setTimeout(pump, WINDOW_MS) };
}

async function send(batch: Pending[]): Promise<void> {
  try {
    await transport(batch.map(({ message: m }) => ({ channel: userChannel(m.userId), name: m.name, data: m.data })));
    if (failures > 0) logger.info("realtime publish recovered", { after: failures });
    failures = 0;
    for (const p of batch) p.done();
  } catch (error) {
    const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] as number;
    failures += 1;
    // Whoever awaits these events stops waiting (an outage must not hold runs or a draining
    // server); the events themselves stay queued and are retried.
    for (const p of batch) p.done();
    if (failures === 1 || failures % 20 === 0) logger.warn("realtime publish failed; retrying", { events: batch.length, queued: queue.length, failures, error });
    queue = [...batch, ...queue].sort((a, b) => a.n - b.n);
    const overflow = queue.length - MAX_QUEUED;
    if (overflow > 0) {
      logger.error("realtime queue full; dropping the oldest events (clients catch up by sequence)", { dropped: overflow });
      queue.splice(0, overflow);
    }
    retryTimer ??= setTimeout(() => {
      retryTimer = undefined;
      schedule();
    }, delay);
    retryTimer.unref();
  }
}

/**
 * Queues events for Pusher. Resolves once they were sent or a first try failed (then they stay
 * queued and are retried), or at once while Pusher is known to be down: a run's bookkeeping
 * and a draining server never wait for an outage to end.
 */
export function publish(...messages: RealtimeMessage[]): Promise<void> {
  if (messages.length === 0) return Promise.resolve();
  const sent = Promise.all(messages.map((message) => new Promise<void>((done) => queue.push({ message, done, n: published++ })))).then(() => undefined);
  schedule();
  return failures > 0 ? Promise.resolve() : sent;
}
