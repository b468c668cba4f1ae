import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createFailingWorkflow, postMany } from "./history-helpers";

test("a bulk delete of a selected run: the list drops it live and the run's open page says it was deleted", async ({ page, request, context }) => {
  await signUpFreshUser(page);
  const path = `e2e/bulk-delete-${Date.now()}`;
  await createFailingWorkflow(page, path, "Delete check");
  const [kept, deleted] = await postMany(request, path, 2);

  // The run to delete, open in another tab of the same session.
  const detail = await context.newPage();
  await detail.goto(`/executions/${deleted}`);
  await expect(detail.locator(`[data-execution-id="${deleted}"]`).first()).toHaveAttribute("data-status", "FAILED");

  // The list's tab was opened first: bring it to the front, or Chromium may pause its rendering
  // (no animation frames for a background tab) and a click waits forever to scroll into view.
  await page.bringToFront();
  await page.goto("/executions");
  const rows = page.locator("tbody tr[data-execution-id]");
  await expect(rows).toHaveCount(2);
  await page.locator(`tr[data-execution-id="${deleted}"]`).getByRole("checkbox").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Delete 1 selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 1 execution?" });
  await expect(dialog).toContainText("This cannot be undone");
  await dialog.getByRole("button", { name: "Delete 1 execution" }).click();

  const progress = page.getByRole("region", { name: "Bulk operation progress" });
  await expect(progress).toHaveAttribute("data-status", "DONE");
  await expect(progress).toContainText("1 done · 0 failed · 0 skipped");
  await expect(rows).toHaveCount(1);
  await expect(page.locator(`tr[data-execution-id="${kept}"]`)).toBeVisible();

  // The other tab was told: its run is gone, and it says so instead of showing it as if it were there.
  await expect(detail.getByText("This execution was deleted")).toBeVisible();
  expect((await page.request.get(`/api/executions/${deleted}`)).status()).toBe(404);
});
