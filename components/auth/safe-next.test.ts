import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    expect(safeNextPath("/executions/abc?x=1")).toBe("/executions/abc?x=1");
    expect(safeNextPath("/workflows#top")).toBe("/workflows#top");
    expect(safeNextPath("/executions", "https://hooks.example.com")).toBe("/executions");
  });

  it("refuses other sites and loops back to auth pages", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "/sign-in", "/api/workflows", undefined, ""]) {
      expect(safeNextPath(bad)).toBe("/executions");
    }
  });

  // What the URL parser does to a redirect target (tab/newline stripping, "\" as "/"): the
  // issue's /sign-in?next=%2F%09%2Fevil.example went to http://evil.example.
  it.each(["/\t/evil.example", "/\n/evil.example", "\t//evil.example", "/\\/evil.example", "\\\\evil.example", " //evil.example", "/\r\n/evil.example/x", "http:evil.example", "javascript:alert(1)", "https://app.example/x"])(
    "refuses %j, which a browser resolves to another origin",
    (bad) => {
      expect(safeNextPath(bad, "https://app.example.com")).toBe("/executions");
    },
  );

  it("returns the re-serialised path, so what is followed is what was checked", () => {
    expect(safeNextPath("/a/../executions/%7e?q=1")).toBe("/executions/%7e?q=1");
    expect(safeNextPath("/a\tb")).toBe("/ab");
  });

  it("accepts an absolute URL on the app's own origin as its path", () => {
    expect(safeNextPath("https://app.example.com/workflows?x=1", "https://app.example.com")).toBe("/workflows?x=1");
  });
});
