import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";
import { createFailingWorkflow, postMany } from "./history-helpers";

test("filters by status, workflow and id live in the URL, and Load more pages through the history", async ({ page, request }) => {
  await signUpFreshUser(page);
  const stamp = Date.now();
  const orders = await createOrderWorkflow(page, `e2e/hist-orders-${stamp}`);
  const refundsId = await createFailingWorkflow(page, `e2e/hist-refunds-${stamp}`);
  await postMany(request, `e2e/hist-orders-${stamp}`, 52);
  const failedIds = await postMany(request, `e2e/hist-refunds-${stamp}`, 4);

  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto("/executions");
  const rows = page.locator("tbody tr[data-execution-id]");
  await expect(rows).toHaveCount(50);
  await expect(page.getByRole("img", { name: /56 executions in the last 6 hours: 52 succeeded, 4 failed/ })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/executions.png" });

  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(56);
  await expect(page.getByText("That is every execution.")).toBeVisible();

  // Status: several at once, kept in the URL.
  await page.getByRole("checkbox", { name: "Failed" }).check();
  await expect(page).toHaveURL(/status=FAILED(&|$)/);
  await expect(rows).toHaveCount(4);
  for (const id of failedIds) await expect(page.locator(`tr[data-execution-id="${id}"]`)).toHaveAttribute("data-status", "FAILED");

  await page.getByLabel("Workflow").selectOption(orders.id);
  await expect(page).toHaveURL(new RegExp(`workflowId=${orders.id}`));
  await expect(page.getByRole("heading", { name: "No executions match these filters" })).toBeVisible();

  await page.getByRole("checkbox", { name: "Succeeded" }).check();
  await expect(page).toHaveURL(/status=SUCCEEDED%2CFAILED|status=SUCCEEDED,FAILED/);
  await expect(rows).toHaveCount(50);
  await expect(page.locator('tbody tr[data-status="FAILED"]')).toHaveCount(0);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(52);

  // A shared link opens the same view.
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Succeeded" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Failed" })).toBeChecked();
  await expect(page.getByLabel("Workflow")).toHaveValue(orders.id);
  await expect(rows).toHaveCount(50);

  // An execution id prefix, with the other filters cleared.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/executions$/);
  const target = failedIds[2]!;
  await page.getByLabel("Execution id").fill(target.slice(0, 13));
  await expect(page).toHaveURL(new RegExp(`id=${target.slice(0, 13)}`));
  await expect(rows).toHaveCount(1);
  await expect(page.locator(`tr[data-execution-id="${target}"]`)).toBeVisible();

  await page.getByLabel("Workflow").selectOption(refundsId);
  await page.getByLabel("Time range").selectOption("1h");
  await expect(page).toHaveURL(/range=1h/);
  await expect(rows).toHaveCount(1);
});
