import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    expect(safeNextPath("/executions/abc?x=1")).toBe("/executions/abc?x=1");
  });
  it("refuses other sites and loops back to auth pages", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "/sign-in", "/api/workflows", undefined, ""]) {
      expect(safeNextPath(bad)).toBe("/executions");
    }
  });
});
