import { expect, type APIRequestContext, type Page } from "@playwright/test";

// A workflow whose every run fails (stopAndError), next to the order example that succeeds.
export async function createFailingWorkflow(page: Page, path: string, name = "Refund check"): Promise<string> {
  const response = await page.request.post("/api/workflows", {
    data: {
      name,
      active: true,
      settings: {},
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] } },
        { id: "refuse", type: "stopAndError", parameters: { message: "refund {{ $json.body.n }} refused" } },
      ],
      connections: [{ from: "webhook", to: "refuse" }],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

// Posts `count` webhook calls, a few at a time; returns the execution ids in order.
export async function postMany(request: APIRequestContext, path: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 8) {
    const batch = Array.from({ length: Math.min(8, count - start) }, (_, i) =>
      request.post(`/api/webhooks/${path}`, { data: { orderId: `H-${start + i}`, amount: 50 + start + i, n: start + i } }),
    );
    for (const response of await Promise.all(batch)) {
      expect(response.status()).toBeLessThan(501);
      ids.push(response.headers()["x-hookflow-execution-id"]!);
    }
  }
  return ids;
}
