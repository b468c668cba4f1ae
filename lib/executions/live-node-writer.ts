import type { NodeResult } from "@/lib/engine/types";
import { publish } from "@/lib/realtime/publisher";
import { logger } from "@/lib/logger";
import { recordNodeExecutions } from "./record-execution";
import { nodeStatusFromResult } from "./status";

// Runs shorter than this commit their node rows together with the final status
// (one transaction per run: the hot path). Longer runs write each node as it
// finishes, so the detail page can show progress while the run is still going.
export const LIVE_AFTER_MS = 150;

type Owner = { userId: string; executionId: string; startedAtMs: number };

export class LiveNodeWriter {
  private buffered: NodeResult[] = [];
  private readonly published: Promise<void>[] = [];

  constructor(private readonly owner: Owner) {}

  async add(result: NodeResult): Promise<void> {
    this.buffered.push(result);
    if (performance.now() - this.owner.startedAtMs < LIVE_AFTER_MS) return;
    const batch = this.buffered;
    this.buffered = [];
    try {
      await recordNodeExecutions(this.owner.executionId, batch);
    } catch (error) {
      // Keep them for the final transaction, which retries once more.
      logger.error("live node write failed; deferring to the final write", { executionId: this.owner.executionId, error });
      this.buffered.unshift(...batch);
      return;
    }
    this.published.push(publish(...nodeEvents(this.owner, batch)));
  }

  /** Node results not yet written: they go into the finishing transaction. */
  takePending(): NodeResult[] {
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
