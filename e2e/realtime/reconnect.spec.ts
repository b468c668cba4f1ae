import { expect, test } from "@playwright/test";
import { CONTROL_URL } from "../../playwright.config";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";

test("after the realtime server restarts, the page reconnects and catches up on a run it missed", async ({ page, request }) => {
  await signUpFreshUser(page);
  const path = `e2e/reconnect-${Date.now()}`;
  await createOrderWorkflow(page, path);
  await page.goto("/executions");
  const indicator = page.getByRole("status", { name: /^Realtime:/ });
  await expect(indicator).toHaveAccessibleName("Realtime: Live");

  expect((await request.post(`${CONTROL_URL}/realtime/stop`)).status()).toBe(204);
  try {
    await expect(indicator).not.toHaveAccessibleName("Realtime: Live");
    // This run's events are published while nobody can receive them: they are lost, as Pusher's would be.
    const response = await request.post(`/api/webhooks/${path}`, { data: { orderId: "MISSED-1", amount: 5, customer: { name: "Lin" } } });
    expect(response.status()).toBe(200);
    const executionId = response.headers()["x-hookflow-execution-id"];
    await expect(page.locator(`tr[data-execution-id="${executionId}"]`)).toHaveCount(0);

    expect((await request.post(`${CONTROL_URL}/realtime/start`)).status()).toBe(204);
    await expect(indicator).toHaveAccessibleName("Realtime: Live", { timeout: 20_000 });
    // The reconnect refetch brings it in, with its final status.
    await expect(page.locator(`tr[data-execution-id="${executionId}"]`)).toHaveAttribute("data-status", "SUCCEEDED");
  } finally {
    await request.post(`${CONTROL_URL}/realtime/start`);
  }
});
