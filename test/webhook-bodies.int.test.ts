import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { makeUser, recordRealtime } from "./helpers";
import { deliver, makeWebhook } from "./webhook-fixtures";

// The limits are read from the environment once per process (lib/env.ts webhookEnv); this
// file's worker gets small ones so they are cheap to cross.
process.env.WEBHOOK_MAX_BODY_BYTES = "4096";
process.env.WEBHOOK_MAX_FILE_BYTES = "16";

async function storedBody(): Promise<unknown> {
  const execution = await db().execution.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
  return (execution.trigger as { body: unknown }).body;
}

describe("webhook bodies", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
    await makeWebhook(await makeUser(), { path: "bodies" });
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("multipart: fields, repeated names, small files with base64 content, big files described only", async () => {
    const form = new FormData();
    form.append("name", "Ada");
    form.append("tag", "a");
    form.append("tag", "b");
    form.append("small", new File(["hello"], "hello.txt", { type: "text/plain" }));
    form.append("big", new File(["x".repeat(100)], "big.bin", { type: "application/octet-stream" }));
    const response = await deliver({ segments: ["bodies"], body: form });
    expect(response.status).toBe(200);
    expect(await storedBody()).toEqual({
      name: "Ada",
      tag: ["a", "b"],
      small: { name: "hello.txt", type: "text/plain", size: 5, content: Buffer.from("hello").toString("base64") },
      big: { name: "big.bin", type: "application/octet-stream", size: 100, contentOmitted: true },
    });
  });

  it("urlencoded, text in a declared charset, binary as base64, and no content type", async () => {
    await deliver({ segments: ["bodies"], headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1&a=2&b=%C3%A9" });
    expect(await storedBody()).toEqual({ a: ["1", "2"], b: "é" });
    await deliver({ segments: ["bodies"], headers: { "content-type": "text/plain; charset=iso-8859-1" }, body: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) });
    expect(await storedBody()).toBe("café");
    await deliver({ segments: ["bodies"], headers: { "content-type": "image/png" }, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    expect(await storedBody()).toEqual({ encoding: "base64", contentType: "image/png", size: 4, data: "iVBORw==" });
    await deliver({ segments: ["bodies"], body: new Uint8Array([0xff, 0x00]) });
    expect(await storedBody()).toMatchObject({ encoding: "base64", contentType: null, data: "/wA=" });
    expect(await db().execution.count()).toBe(4);
  });

  it("enforces the configured size limit on declared and streamed bodies", async () => {
    const atLimit = await deliver({ segments: ["bodies"], headers: { "content-type": "text/plain" }, body: "x".repeat(4096) });
    expect(atLimit.status).toBe(200);
    const over = await deliver({ segments: ["bodies"], headers: { "content-type": "text/plain" }, body: "x".repeat(4097) });
    expect(over.status).toBe(413);
    expect((await over.json()).error.code).toBe("payload_too_large");

    // No Content-Length: the reader stops after the limit and never pulls the rest.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(0x61));
      },
    });
    const streamed = await deliver({ segments: ["bodies"], headers: { "content-type": "text/plain" }, body: endless });
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(20);
    expect(await db().execution.count()).toBe(1);
  });
});
