// Which events the browser has applied, by the per-user sequence number the server puts in
// every event (gapless, in commit order). Pusher does not promise delivery, so a jump in the
// numbers means something was lost and the client must ask the server what changed.
export type SeqDecision =
  /** Apply it; nothing is missing. */
  | "apply"
  /** Apply it, and catch up: at least one earlier change never arrived. */
  | "gap"
  /** Older than what a catch-up already covered: nothing to do. */
  | "stale";

export class SeqTracker {
  // The highest seq up to which every change is known to be applied; null until a baseline.
  private last: number | null = null;
  // Applied seqs past a hole (or received while a catch-up was in flight).
  private readonly ahead = new Set<number>();

  get lastApplied(): number | null {
    return this.last;
  }

  /** Events without a seq (a server from before sequence numbers) are applied as before. */
  onEvent(seq: number | null): SeqDecision {
    if (seq === null) return "apply";
    if (this.last === null) {
      // No baseline yet (the first catch-up is in flight): remember it so the baseline can skip it.
      this.ahead.add(seq);
      return "apply";
    }
    // Several events can share one seq (one statement): an equal seq is a companion, not a repeat.
    if (seq < this.last) return "stale";
    if (seq <= this.last + 1) {
      this.last = seq;
      this.advance();
      return "apply";
    }
    this.ahead.add(seq);
    return "gap";
  }

  /** After a catch-up that covered everything up to `lastSeq`. */
  onCaughtUp(lastSeq: number): void {
    this.last = this.last === null ? lastSeq : Math.max(this.last, lastSeq);
    this.advance();
  }

  /** True while an applied event sits past a hole: another catch-up is needed. */
  hasGap(): boolean {
    return this.ahead.size > 0;
  }

  private advance(): void {
    if (this.last === null) return;
    while (this.ahead.has(this.last + 1)) {
      this.ahead.delete(this.last + 1);
      this.last += 1;
    }
    for (const seq of this.ahead) if (seq <= this.last) this.ahead.delete(seq);
  }
}

/** The seq of an event's data, if the server sent one. */
export function eventSeq(data: unknown): number | null {
  if (typeof data !== "object" || data === null || !("seq" in data)) return null;
  const { seq } = data as { seq: unknown };
  return typeof seq === "number" && Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
}
