import { describe, expect, it } from "vitest";
import { serializeError } from "./serialize-error";

describe("serializeError", () => {
  it("keeps a host error's message but not its stack (server file paths)", () => {
    const error = new TypeError("fetch failed");
    expect(error.stack).toContain("/");
    const stored = serializeError(error);
    expect(stored).toEqual({ message: "fetch failed", name: "TypeError" });
    expect(JSON.stringify(stored)).not.toMatch(/\/work\/|node:internal|file:\/\//);
  });

  it("keeps a sandbox's own stack and drops host frames after it", () => {
    const sandbox = { name: "RangeError", message: "too big", stack: "RangeError: too big\n    at check (code.js:2:9)\n    at <eval> (code.js:5)\n    at run (/work/app/lib/engine/nodes/code.ts:55:13)" };
    expect(serializeError(sandbox)).toEqual({
      message: "too big",
      name: "RangeError",
      stack: "RangeError: too big\n    at check (code.js:2:9)\n    at <eval> (code.js:5)",
    });
  });

  it("drops Windows paths and file: URLs too", () => {
    const thrown = { message: "x", stack: "Error: x\n    at f (C:\\srv\\app.js:1:1)\n    at g (file:///srv/app.mjs:2:2)" };
    expect(serializeError(thrown)).toEqual({ message: "x", name: "Error" });
  });
});
