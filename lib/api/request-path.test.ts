import { describe, expect, it } from "vitest";
import { pathProblem } from "./request-path";

describe("pathProblem", () => {
  it("refuses paths that cannot be percent-decoded with a 400", () => {
    for (const path of ["/api/webhooks/%ff", "/api/executions/%ff", "/api/workflows/%zz", "/api/x/%", "/api/x/%e2%82"]) {
      expect(pathProblem(path)?.status, path).toBe(400);
    }
  });

  it("refuses dot segments in every spelling and control characters with a 404", () => {
    for (const path of ["/api/webhooks/a/x/../sink", "/api/webhooks/a/./b", "/api/webhooks/a/%2e%2e/b", "/api/webhooks/a/%2E/b", "/api/webhooks/a/.%2E/b", "/api/webhooks/a%00b", "/api/webhooks/a/%0d%0a"]) {
      expect(pathProblem(path)?.status, path).toBe(404);
    }
  });

  it("lets ordinary paths through, whatever their query says", () => {
    for (const path of ["/api/webhooks/shop/orders", "/api/webhooks/a%2Fb", "/api/webhooks/%C3%A9t%C3%A9", "/api/workflows/..x", "/api/x?q=%ff", "/api/webhooks/...", "/"]) {
      expect(pathProblem(path), path).toBeUndefined();
    }
  });
});
