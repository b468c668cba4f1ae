import type { NodeResult } from "@/lib/engine/types";
import { logger } from "@/lib/logger";
import { recordNodes, type RunRef } from "./lifecycle/execution-lifecycle";

// Runs shorter than this commit their node rows together with the final status
// (one statement per run: the hot path). Once a run is older than this, the nodes
// finished so far are written at once and every later node as it finishes, so the
// detail page shows progress and a run whose process dies resumes after the last
// committed node.
export const LIVE_AFTER_MS = 150;

export class LiveNodeWriter {
  private buffered: NodeResult[] = [];
  private live = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly published: Promise<void>[] = [];
  /** The run's path so far, including nodes an earlier attempt completed. */
  private readonly path: string[];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly run: RunRef,
    startedAtMs: number,
    pathSoFar: readonly string[] = [],
  ) {
    this.path = [...pathSoFar];
    const remaining = Math.max(0, LIVE_AFTER_MS - (performance.now() - startedAtMs));
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
      const path = [...this.path, ...batch.map((r) => r.nodeId)];
      try {
        const { owned, published } = await recordNodes(this.run, batch, path);
        // Not ours any more: the heartbeat stops the run within a beat; the rows are dropped.
        if (!owned) return;
        this.published.push(published);
      } catch (error) {
        // Keep them for the final statement, which retries once more.
        logger.error("live node write failed; deferring to the final write", { executionId: this.run.executionId, error });
        this.buffered.unshift(...batch);
        return;
      }
      this.path.push(...batch.map((r) => r.nodeId));
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
