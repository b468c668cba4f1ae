import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";
import { postMany } from "./history-helpers";

// A phone-sized viewport: the list is long after a few rows, and the layout is the phone one.
test.use({ viewport: { width: 390, height: 740 } });

test("a run arriving while the reader has scrolled shows as an 'N new' pill instead of shifting rows", async ({ page, request }) => {
  await signUpFreshUser(page);
  const path = `e2e/pill-${Date.now()}`;
  await createOrderWorkflow(page, path);
  await postMany(request, path, 30);

  await page.goto("/executions");
  await expect(page.getByRole("status", { name: "Realtime: Live" })).toBeVisible();
  const rows = page.locator("tbody tr[data-execution-id]");
  await expect(rows).toHaveCount(30);

  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const last = rows.last();
  await expect(last).toBeInViewport();
  const before = await last.boundingBox();
  // The list notices the scroll on its next frame: post only once it holds new rows back.
  await expect(page.locator('[data-hold="on"]')).toHaveCount(1);

  const [newId] = await postMany(request, path, 1);
  const pill = page.getByRole("button", { name: "1 new execution" });
  await expect(pill).toBeVisible();
  // Held back: not inserted, so nothing under the reader moved.
  await expect(page.locator(`tr[data-execution-id="${newId}"]`)).toHaveCount(0);
  expect((await last.boundingBox())?.y).toBe(before?.y);

  await pill.click();
  const row = page.locator(`tr[data-execution-id="${newId}"]`);
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(pill).toBeHidden();
  await expect(rows).toHaveCount(31);
  await expect(rows.first()).toHaveAttribute("data-execution-id", newId!);
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
  await page.screenshot({ path: "docs/screenshots/executions-phone.png", fullPage: false });
});
