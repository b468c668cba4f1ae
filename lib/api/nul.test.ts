import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { assertNoNul, findNul } from "./nul";

describe("NUL refusal", () => {
  it("names the first field holding a NUL, in values and in keys", () => {
    expect(findNul({ a: "ok", nodes: [{ id: "x" }, { id: "y\u0000" }] })).toBe("nodes.1.id");
    expect(findNul({ "k\u0000": 1 })).toBe("k\u0000");
    expect(findNul("a\u0000")).toBe("(root)");
    expect(findNul({ a: "\\u0000 is only text here", b: [1, null, true] })).toBeUndefined();
  });

  it("throws a 400 whose message and details carry the field", () => {
    try {
      assertNoNul({ name: "a\u0000b" }, "body");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).message).toContain('body field "name"');
      expect((error as AppError).details).toEqual({ field: "name" });
    }
  });
});
