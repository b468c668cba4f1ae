import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";

test("workflows list: create from a template, runs and error rate over 24 h, active toggle", async ({ page }) => {
  await signUpFreshUser(page);
  await page.goto("/workflows");
  await expect(page.getByText("No workflows yet")).toBeVisible();

  // From a template: lands on the new workflow's page.
  await page.getByRole("button", { name: "Use template Order received" }).click();
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Order received" })).toBeVisible();
  const orderId = page.url().split("/").pop()!;
  const order = await (await page.request.get(`/api/workflows/${orderId}`)).json();
  expect(order.active).toBe(true);

  // A second workflow that always fails, through the REST API.
  const failingPath = `e2e/fails-${Date.now()}`;
  const failing = await page.request.post("/api/workflows", {
    data: {
      name: "Always fails",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: failingPath } },
        { id: "stop", type: "stopAndError", parameters: { message: "nope" } },
      ],
      connections: [{ from: "webhook", to: "stop" }],
    },
  });
  expect(failing.status()).toBe(201);
  const failingId = (await failing.json()).id;

  for (const amount of [250, 20, 300]) {
    expect((await page.request.post(`/api/webhooks/${order.webhooks[0].path}`, { data: { orderId: "L-1", amount } })).status()).toBe(200);
  }
  expect((await page.request.post(`/api/webhooks/${failingPath}`, { data: {} })).status()).toBe(500);
  expect((await page.request.post(`/api/webhooks/${order.webhooks[0].path}`, { data: "not an object", headers: { "content-type": "text/plain" } })).status()).toBe(200);

  await page.goto("/workflows");
  const orderCard = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Order received" }) });
  const failingCard = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Always fails" }) });
  await expect(orderCard.getByRole("definition").nth(1)).toHaveText("4");
  await expect(orderCard.getByRole("definition").nth(2)).toHaveText("0%");
  await expect(orderCard.getByRole("definition").nth(0)).toContainText("Succeeded");
  await expect(failingCard.getByRole("definition").nth(1)).toHaveText("1");
  await expect(failingCard.getByRole("definition").nth(2)).toHaveText("100%");
  await expect(failingCard.getByRole("definition").nth(0)).toContainText("Failed");
  await expect(orderCard.getByRole("button", { name: /^Copy webhook URL http:\/\/.+\/api\/webhooks\/order-received\// })).toBeVisible();

  // A run that arrives while the page is open updates the counts live.
  await expect(page.getByRole("status", { name: "Realtime: Live" })).toBeVisible();
  expect((await page.request.post(`/api/webhooks/${failingPath}`, { data: {} })).status()).toBe(500);
  await expect(failingCard.getByRole("definition").nth(1)).toHaveText("2");
  await page.screenshot({ path: "docs/screenshots/workflows.png", fullPage: true });

  // The active switch deactivates the webhook (404) and reactivates it.
  const toggle = failingCard.getByRole("switch", { name: "Active: Always fails" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("status").filter({ hasText: "“Always fails” is inactive" })).toBeVisible();
  expect((await (await page.request.get(`/api/workflows/${failingId}`)).json()).active).toBe(false);
  expect((await page.request.post(`/api/webhooks/${failingPath}`, { data: {} })).status()).toBe(404);
  await toggle.press("Space");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  // The switch shows the asked-for state while the request is in flight: wait for the answer.
  await expect(page.getByRole("status").filter({ hasText: "“Always fails” is active" })).toBeVisible();
  expect((await (await page.request.get(`/api/workflows/${failingId}`)).json()).active).toBe(true);
});
