import type { NodeResult } from "@/lib/engine/types";
import { publish } from "@/lib/realtime/publisher";
import { logger } from "@/lib/logger";
import { recordNodeExecutions } from "./record-execution";
import { nodeStatusFromResult } from "./status";

// Runs shorter than this commit their node rows together with the final status
// (one statement per run: the hot path). Once a run is older than this, the nodes
// finished so far are written at once and every later node as it finishes, so the
// detail page shows progress while a run waits or calls out.
export const LIVE_AFTER_MS = 150;

type Owner = { userId: string; executionId: string; startedAtMs: number };

export class LiveNodeWriter {
  private buffered: NodeResult[] = [];
  private live = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly published: Promise<void>[] = [];
  /** Nodes written live, by status: counted into the execution row at finish. */
  readonly written = { succeeded: 0, failed: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly owner: Owner) {
    const remaining = Math.max(0, LIVE_AFTER_MS - (performance.now() - owner.startedAtMs));
    this.timer = setTimeout(() => {
      this.live = true;
      void this.flush();
    }, remaining);
    this.timer.unref();
  }

  async add(result: NodeResult): Promise<void> {
    this.buffered.push(result);
    if (this.live) await this.flush();
  }

  // Writes are chained so rows go out in order and a batch is never written twice.
  private flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.buffered;
      if (batch.length === 0) return;
      this.buffered = [];
      try {
        await recordNodeExecutions(this.owner.executionId, batch);
      } catch (error) {
        // Keep them for the final statement, which retries once more.
        logger.error("live node write failed; deferring to the final write", { executionId: this.owner.executionId, error });
        this.buffered.unshift(...batch);
        return;
      }
      for (const r of batch) this.written[r.status] += 1;
      this.published.push(publish(...nodeEvents(this.owner, batch)));
    });
    return this.writing;
  }

  /** Stops live writing; returns node results not yet written, for the finishing statement. */
  async takePending(): Promise<NodeResult[]> {
    clearTimeout(this.timer);
    this.live = false;
    await this.writing;
    const pending = this.buffered;
    this.buffered = [];
    return pending;
  }

  publishedSoFar(): Promise<void> {
    return Promise.all(this.published).then(() => undefined);
  }
}

export function nodeEvents(owner: { userId: string; executionId: string }, results: NodeResult[]) {
  return results.map((r) => ({
    userId: owner.userId,
    name: "nodeExecuted" as const,
    data: {
      executionId: owner.executionId,
      nodeId: r.nodeId,
      status: nodeStatusFromResult(r.status),
      durationMs: Math.round(r.durationMs * 1000) / 1000,
    },
  }));
}
