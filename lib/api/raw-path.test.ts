import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { installRawPathHeader } from "./raw-path";
import { RAW_PATH_HEADER } from "./request-path";

describe("installRawPathHeader", () => {
  it("hands every request the path exactly as sent, overwriting a forged header", async () => {
    installRawPathHeader();
    const server = createServer((req, res) => res.end(String(req.headers[RAW_PATH_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const seen = await new Promise<string>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path: "/api/webhooks/a/x/../%2e%2e/b", headers: { [RAW_PATH_HEADER]: "/forged" } }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      expect(seen).toBe("/api/webhooks/a/x/../%2e%2e/b");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
