import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";

test("a webhook run appears live in the history and its detail page shows every node", async ({ page, request }) => {
  await signUpFreshUser(page);
  const path = `e2e/orders-${Date.now()}`;
  await createOrderWorkflow(page, path);

  await page.goto("/executions");
  // Polling is off while the socket is live, so what follows can only arrive through Pusher.
  await expect(page.getByRole("status", { name: "Realtime: Live" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const response = await request.post(`/api/webhooks/${path}`, { data: { orderId: "E2E-1", amount: 420, customer: { name: "Grace" } } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ orderId: "E2E-1", tier: "priority" });
  const executionId = response.headers()["x-hookflow-execution-id"];

  const row = page.locator(`tr[data-execution-id="${executionId}"]`);
  await expect(row).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(row.getByRole("link", { name: "Order received, Succeeded" })).toBeVisible();
  await expect(row).toContainText(`POST /${path}`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/executions/${executionId}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Order received");
  for (const nodeId of ["webhook", "enrich", "is-large", "priority"]) {
    await expect(page.getByRole("button", { name: new RegExp(nodeId) })).toBeVisible();
  }
  await page.getByRole("button", { name: /enrich/ }).click();
  const panel = page.getByRole("region", { name: /enrich/ });
  await expect(panel).toContainText('"customer": "Grace"');
  await expect(panel).toContainText('"orderId": "E2E-1"');
  await page.screenshot({ path: "test-results/execution-detail.png", fullPage: true });
});

test("a running execution's detail page updates live to its final status", async ({ page, request }) => {
  await signUpFreshUser(page);
  const path = `e2e/slow-${Date.now()}`;
  const created = await page.request.post("/api/workflows", {
    data: {
      name: "Immediate",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path, responseMode: "immediately" } },
        { id: "shape", type: "set", parameters: { fields: { seen: "{{ $json.body.n }}" } } },
      ],
      connections: [{ from: "webhook", to: "shape" }],
    },
  });
  expect(created.status()).toBe(201);
  await page.goto("/executions");
  await expect(page.getByRole("status", { name: "Realtime: Live" })).toBeVisible();
  const response = await request.post(`/api/webhooks/${path}`, { data: { n: 7 } });
  expect(response.status()).toBe(202);
  const { executionId } = await response.json();
  await expect(page.locator(`tr[data-execution-id="${executionId}"]`)).toHaveAttribute("data-status", "SUCCEEDED");
});
