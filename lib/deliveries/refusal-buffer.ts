// Refused webhook requests of one process, aggregated between flushes (refusal-log.ts):
// a count per (workflow, path, minute, status, reason) and at most SAMPLES_PER_KEY samples
// each. Memory is bounded whatever arrives: keys are capped at MAX_KEYS per window (the rest
// are counted as overflow and logged), requests no workflow owns are only tallied by status
// and reason. Pure: the clock and the sample are handed in.

export const SAMPLES_PER_KEY = 5;
export const MAX_KEYS = 2_000;
export const BODY_SAMPLE_BYTES = 512;

/** Who a refusal belongs to: a workflow (or, while draining, a path resolved at flush time). */
export type RefusalKey = { workflowId: string | null; path: string | null; status: number; reason: string };

export type RefusalSample = {
  id: string;
  method: string;
  message: string;
  receivedAt: string;
  bodyBytes: number | null;
  headers: Record<string, string>;
  bodySample: string | null;
  bodyEncoding: "utf8" | "base64" | null;
};

export type CountRow = RefusalKey & { minute: string; count: number };
export type SampleRow = RefusalKey & { minute: string } & RefusalSample;
export type Drained = { counts: CountRow[]; samples: SampleRow[]; unattributed: Record<string, number>; overflow: number };

type Entry = { row: CountRow; samples: RefusalSample[] };

export function minuteOf(at: Date): string {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();
}

export class RefusalBuffer {
  private entries = new Map<string, Entry>();
  private unattributed = new Map<string, number>();
  private overflow = 0;

  get size(): number {
    return this.entries.size + this.unattributed.size + (this.overflow ? 1 : 0);
  }

  /** Counts one refusal; `sample` is called only while its key still wants one. */
  add(key: RefusalKey, at: Date, sample: () => RefusalSample): void {
    if (key.workflowId === null && key.path === null) {
      const tally = `${key.status} ${key.reason}`;
      this.unattributed.set(tally, (this.unattributed.get(tally) ?? 0) + 1);
      return;
    }
    const minute = minuteOf(at);
    const id = `${key.workflowId ?? ""}\u0001${key.path ?? ""}\u0001${minute}\u0001${key.status}\u0001${key.reason}`;
    let entry = this.entries.get(id);
    if (!entry) {
      if (this.entries.size >= MAX_KEYS) {
        this.overflow++;
        return;
      }
      entry = { row: { ...key, minute, count: 0 }, samples: [] };
      this.entries.set(id, entry);
    }
    entry.row.count++;
    if (entry.samples.length < SAMPLES_PER_KEY) entry.samples.push(sample());
  }

  /** Everything gathered since the last drain; the buffer starts empty again. */
  drain(): Drained {
    const entries = [...this.entries.values()];
    const drained: Drained = {
      counts: entries.map((e) => e.row),
      samples: entries.flatMap(({ row, samples }) =>
        samples.map((s) => ({ workflowId: row.workflowId, path: row.path, status: row.status, reason: row.reason, minute: row.minute, ...s })),
      ),
      unattributed: Object.fromEntries(this.unattributed),
      overflow: this.overflow,
    };
    this.entries = new Map();
    this.unattributed = new Map();
    this.overflow = 0;
    return drained;
  }
}

/** The first BODY_SAMPLE_BYTES of a body: text when they are UTF-8 without NUL, else base64. */
export function bodySample(bytes: Uint8Array | undefined): { bodySample: string | null; bodyEncoding: "utf8" | "base64" | null } {
  if (!bytes || bytes.byteLength === 0) return { bodySample: null, bodyEncoding: null };
  const head = bytes.subarray(0, BODY_SAMPLE_BYTES);
  // A character cut at the end is dropped, not a reason to fall back to base64.
  for (let trim = 0; trim <= 3 && trim < head.byteLength; trim++) {
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, head.byteLength - trim));
      if (!text.includes("\u0000")) return { bodySample: text, bodyEncoding: "utf8" };
      break;
    } catch {
      if (bytes.byteLength <= BODY_SAMPLE_BYTES) break;
    }
  }
  return { bodySample: Buffer.from(head).toString("base64"), bodyEncoding: "base64" };
}
