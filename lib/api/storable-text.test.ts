import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { assertStorableText, findUnstorableText } from "./storable-text";

describe("unstorable text refusal", () => {
  it("names the first field holding a NUL or an unpaired surrogate, in values and in keys", () => {
    expect(findUnstorableText({ a: "ok", nodes: [{ id: "x" }, { id: "y\u0000" }] })).toBe("nodes.1.id");
    expect(findUnstorableText({ "k\u0000": 1 })).toBe("k\u0000");
    expect(findUnstorableText("a\u0000")).toBe("(root)");
    expect(findUnstorableText({ name: "\udfff" })).toBe("name");
    expect(findUnstorableText({ name: "\ud83d\udca5", a: "\\u0000 is only text here", b: [1, null, true] })).toBeUndefined();
  });

  it("throws a 400 whose message and details carry the field", () => {
    try {
      assertStorableText({ name: "a\u0000b" }, "body");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).message).toContain('body field "name"');
      expect((error as AppError).details).toEqual({ field: "name" });
    }
  });
});
