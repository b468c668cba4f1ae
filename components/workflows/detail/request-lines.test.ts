import { describe, expect, it } from "vitest";
import { linesToRecord, recordToLines } from "./request-lines";

describe("request lines", () => {
  it("round-trips headers without transport headers, and query parameters", () => {
    const headers = recordToLines({ host: "x", "content-type": "application/json", "x-shop": "a:b" }, ": ");
    expect(headers).toBe("content-type: application/json\nx-shop: a:b");
    expect(linesToRecord(headers, ":")).toEqual({ "content-type": "application/json", "x-shop": "a:b" });
    expect(linesToRecord(recordToLines({ page: "2", q: "a=b" }, "="), "=")).toEqual({ page: "2", q: "a=b" });
    expect(linesToRecord("\n  flag \n", "=")).toEqual({ flag: "" });
  });
});
