import { describe, expect, it } from "vitest";
import { BODY_SAMPLE_BYTES, MAX_KEYS, RefusalBuffer, SAMPLES_PER_KEY, bodySample } from "./refusal-buffer";

const sample = (id: string) => ({ id, method: "POST", message: "no", receivedAt: "2026-12-02T07:00:00.000Z", bodyBytes: 2, headers: {}, bodySample: "{}", bodyEncoding: "utf8" as const });
const key = { workflowId: "w1", path: "p", status: 401, reason: "unauthorized" };

describe("RefusalBuffer", () => {
  it("counts every refusal, samples the first few per key and minute, and starts empty after a drain", () => {
    const buffer = new RefusalBuffer();
    let built = 0;
    const at = new Date("2026-12-02T07:00:10Z");
    for (let i = 0; i < 1000; i++) buffer.add(key, at, () => sample(String(built++)));
    buffer.add(key, new Date("2026-12-02T07:01:00Z"), () => sample(String(built++)));
    buffer.add({ ...key, status: 405, reason: "method_not_allowed" }, at, () => sample(String(built++)));
    expect(built).toBe(SAMPLES_PER_KEY + 2);
    const drained = buffer.drain();
    expect(drained.counts.map((c) => [c.minute, c.status, c.count])).toEqual([
      ["2026-12-02T07:00:00.000Z", 401, 1000],
      ["2026-12-02T07:01:00.000Z", 401, 1],
      ["2026-12-02T07:00:00.000Z", 405, 1],
    ]);
    expect(drained.samples).toHaveLength(SAMPLES_PER_KEY + 2);
    expect(drained.samples[0]).toMatchObject({ workflowId: "w1", path: "p", minute: "2026-12-02T07:00:00.000Z", status: 401, id: "0" });
    expect(buffer.drain().counts).toEqual([]);
  });

  it("keeps requests nobody owns as tallies only, and caps the keys it holds", () => {
    const buffer = new RefusalBuffer();
    for (let i = 0; i < 10; i++) buffer.add({ workflowId: null, path: null, status: 404, reason: "unknown_path" }, new Date(), () => sample("x"));
    for (let i = 0; i < MAX_KEYS + 50; i++) buffer.add({ ...key, path: `p${i}` }, new Date(), () => sample(String(i)));
    const drained = buffer.drain();
    expect(drained.unattributed).toEqual({ "404 unknown_path": 10 });
    expect(drained.counts).toHaveLength(MAX_KEYS);
    expect(drained.overflow).toBe(50);
  });
});

describe("bodySample", () => {
  it("keeps the first bytes as text when they are UTF-8, cutting a split character, else base64", () => {
    expect(bodySample(undefined)).toEqual({ bodySample: null, bodyEncoding: null });
    expect(bodySample(new TextEncoder().encode('{"a":1}'))).toEqual({ bodySample: '{"a":1}', bodyEncoding: "utf8" });
    const long = new TextEncoder().encode(`${"x".repeat(BODY_SAMPLE_BYTES - 1)}é and more`);
    expect(bodySample(long)).toEqual({ bodySample: "x".repeat(BODY_SAMPLE_BYTES - 1), bodyEncoding: "utf8" });
    expect(bodySample(new Uint8Array([0xff, 0x00, 0x01]))).toEqual({ bodySample: "/wAB", bodyEncoding: "base64" });
    expect(bodySample(new TextEncoder().encode("a\u0000b")).bodyEncoding).toBe("base64");
  });
});
