import { expect, type Page } from "@playwright/test";
import { orderReceivedWorkflow } from "../../lib/workflows/templates/order-received";

// Creates the example workflow through the REST API with the page's session cookie.
export async function createOrderWorkflow(page: Page, path: string): Promise<{ id: string; url: string }> {
  const response = await page.request.post("/api/workflows", { data: { ...orderReceivedWorkflow(path), active: true } });
  expect(response.status()).toBe(201);
  const workflow = await response.json();
  return { id: workflow.id, url: workflow.webhooks[0].url };
}
