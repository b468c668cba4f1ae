import { describe, expect, it } from "vitest";
import { serializeJson } from "./json";

describe("serializeJson", () => {
  it("is JSON.stringify for plain data", () => {
    expect(serializeJson({ a: [1, "x", null], b: { c: true } })).toBe('{"a":[1,"x",null],"b":{"c":true}}');
    expect(serializeJson(undefined)).toBe("null");
  });

  it("replaces NUL characters, which jsonb refuses, and leaves an escaped backslash alone", () => {
    expect(JSON.parse(serializeJson({ s: "a\u0000b" }))).toEqual({ s: "a\ufffdb" });
    expect(JSON.parse(serializeJson({ s: "a\\u0000b" }))).toEqual({ s: "a\\u0000b" });
    expect(JSON.parse(serializeJson({ s: "a\\\u0000b" }))).toEqual({ s: "a\\\ufffdb" });
  });

  it("marks circular references and stringifies BigInt instead of throwing", () => {
    const shared = { k: 1 };
    const loop: Record<string, unknown> = { shared, again: shared, n: BigInt(5) };
    loop.self = loop;
    expect(JSON.parse(serializeJson(loop))).toEqual({
      shared: { k: 1 },
      again: { k: 1 },
      n: "5",
      self: { $unserializable: expect.stringMatching(/BigInt|circular/i) },
    });
  });
});
