import { describe, expect, it } from "vitest";
import { parseContentType } from "./content-type";

describe("parseContentType", () => {
  it("refuses malformed headers with a 415", () => {
    for (const header of [";;;", "application/json; charset", 'application/json; charset="utf-8', "a, b", "json", "application/json; =x"]) {
      expect(() => parseContentType(header), header).toThrowError(expect.objectContaining({ status: 415 }));
    }
  });

  it("reads the media type and charset of well-formed ones", () => {
    expect(parseContentType("Application/JSON ; Charset=UTF-8")).toMatchObject({ mediaType: "application/json", charset: "utf-8" });
    expect(parseContentType('text/plain; charset="latin1"')).toMatchObject({ mediaType: "text/plain", charset: "latin1" });
    expect(parseContentType(null)).toBeUndefined();
    expect(parseContentType("  ")).toBeUndefined();
  });
});
