import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";

// A signed webhook whose respond node refuses the order with 422: the run shows the answer its
// sender got, and a request with a bad signature appears under Deliveries on the workflow page.
test("the response a sender got and a refused delivery are both visible", async ({ page }) => {
  await signUpFreshUser(page);
  const path = `e2e/deliveries-${Date.now()}`;
  const created = await page.request.post("/api/workflows", {
    data: {
      name: "Order validator",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "respondNode", auth: { type: "hmac" } } },
        {
          id: "reject",
          type: "respond",
          parameters: { status: 422, headers: { "x-reason": "validation" }, body: { error: "amount must be positive", orderId: "{{ $json.body.orderId }}" } },
        },
      ],
      connections: [{ from: "webhook", to: "reject" }],
    },
  });
  expect(created.status()).toBe(201);
  const { id: workflowId } = await created.json();
  const { secret } = await (await page.request.get(`/api/workflows/${workflowId}/webhooks/webhook/secret`)).json();

  const body = JSON.stringify({ orderId: "A-1001", amount: -5 });
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
  const accepted = await page.request.post(`/api/webhooks/${path}`, { headers: { "content-type": "application/json", "x-hookflow-signature": signature }, data: body });
  expect(accepted.status()).toBe(422);
  const executionId = accepted.headers()["x-hookflow-execution-id"]!;
  const refused = await page.request.post(`/api/webhooks/${path}`, {
    headers: { "content-type": "application/json", "x-hookflow-signature": `t=${t},v1=${"0".repeat(64)}` },
    data: JSON.stringify({ orderId: "FORGED-1", amount: 1_000_000 }),
  });
  expect(refused.status()).toBe(401);

  // The run: Succeeded in the history with the 422 beside it; its page has the Response section.
  await page.goto(`/executions?workflowId=${workflowId}`);
  const row = page.locator(`tr[data-execution-id="${executionId}"]`);
  await expect(row).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(row.locator("[data-http-status]")).toHaveText("· 422");

  await page.goto(`/executions/${executionId}`);
  const response = page.getByRole("region", { name: "Response" });
  await expect(response.locator("[data-http-status]")).toHaveText("HTTP 422");
  await expect(response).toContainText("answered");
  await expect(response.getByRole("table", { name: "Response headers" })).toContainText("x-reason");
  await expect(response).toContainText("amount must be positive");
  await response.scrollIntoViewIfNeeded();
  await response.screenshot({ path: "docs/screenshots/execution-response.png" });

  // The workflow page: both deliveries, newest first; the refused one opens to its sample.
  await page.goto(`/workflows/${workflowId}`);
  const deliveries = page.getByRole("region", { name: "Deliveries" });
  const refusedRow = deliveries.locator('li[data-delivery="refused"][data-http-status="401"]');
  // Refusals are written about once a second; the list polls while the page is open.
  await expect(refusedRow).toBeVisible({ timeout: 20_000 });
  await expect(refusedRow).toHaveAttribute("data-reason", "unauthorized");
  const acceptedRow = deliveries.locator('li[data-delivery="accepted"][data-http-status="422"]');
  await expect(acceptedRow.getByRole("link", { name: "Accepted delivery, run Succeeded" })).toHaveAttribute("href", `/executions/${executionId}`);
  await refusedRow.locator("summary").click();
  await expect(refusedRow).toContainText("Signature does not match");
  await expect(refusedRow).toContainText("FORGED-1");
  await expect(refusedRow.getByRole("table")).toContainText("[redacted]");
  await deliveries.scrollIntoViewIfNeeded();
  await deliveries.screenshot({ path: "docs/screenshots/deliveries.png" });

  // Filters: refused only, then a status class that matches neither.
  await deliveries.getByLabel("Outcome").selectOption("refused");
  await expect(acceptedRow).toHaveCount(0);
  await expect(refusedRow).toBeVisible();
  await deliveries.getByLabel("Outcome").selectOption("");
  await deliveries.getByLabel("Status").selectOption("5xx");
  await expect(deliveries.getByText("No deliveries match these filters.")).toBeVisible();
  await deliveries.getByLabel("Status").selectOption("422");
  await expect(acceptedRow).toBeVisible();
  await expect(refusedRow).toHaveCount(0);
});
