import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createFailingWorkflow, postMany } from "./history-helpers";

const RUNS = 12;

test("bulk re-run from a filter: progress reaches done live, the re-runs appear, the originals show fixed by re-run", async ({ page, request }) => {
  await signUpFreshUser(page);
  const path = `e2e/bulk-refunds-${Date.now()}`;
  const workflowId = await createFailingWorkflow(page, path, "Refund check");
  const originals = await postMany(request, path, RUNS);
  // The fix is saved; the failures are re-run against it.
  const fixed = await page.request.put(`/api/workflows/${workflowId}`, {
    data: {
      name: "Refund check",
      active: true,
      settings: {},
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"] } },
        { id: "refund", type: "set", parameters: { keepInput: false, fields: { refunded: "{{ $json.body.n }}" } } },
      ],
      connections: [{ from: "webhook", to: "refund" }],
    },
  });
  expect(fixed.status(), await fixed.text()).toBe(200);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/executions");
  await page.getByRole("checkbox", { name: "Failed" }).check();
  await expect(page).toHaveURL(/status=FAILED(&|$)/);
  const rows = page.locator("tbody tr[data-execution-id]");
  await expect(rows).toHaveCount(RUNS);
  // The error column shows the first line of each failure; the mode column says how it ran.
  const first = page.locator(`tr[data-execution-id="${originals[0]}"]`);
  await expect(first.locator('[data-column="error"]')).toHaveText('node "refuse" (stopAndError) failed: refund 0 refused');
  await expect(first.locator('[data-column="mode"]')).toHaveText("Webhook");

  const bar = page.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Re-run against").selectOption("current");
  await bar.getByRole("button", { name: `Re-run all ${RUNS} matching this filter` }).click();
  const dialog = page.getByRole("dialog", { name: `Re-run ${RUNS} executions?` });
  await expect(dialog).toContainText(`All ${RUNS} executions matching this filter will be re-run`);
  await dialog.getByRole("button", { name: `Re-run ${RUNS} executions` }).click();
  await expect(dialog).toBeHidden();

  // Live until done: the final state, whether or not a running moment was seen.
  const progress = page.getByRole("region", { name: "Bulk operation progress" });
  await expect(progress).toHaveAttribute("data-status", "DONE");
  await expect(progress.getByRole("status")).toHaveText(`Re-ran ${RUNS} executions ${RUNS} of ${RUNS}`);
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(RUNS));
  await expect(progress).toContainText(`${RUNS} done · 0 failed · 0 skipped`);
  // The operation shown is in the URL: a reload shows its progress again.
  await expect(page).toHaveURL(/[?&]bulk=[0-9a-f-]{36}/);
  await page.reload();
  await expect(progress).toHaveAttribute("data-status", "DONE");
  await expect(progress).toContainText(`${RUNS} done · 0 failed · 0 skipped`);

  // The originals, still failed, now say a re-run fixed them (the list refetched on its own).
  await expect(page.locator('tbody tr[data-fixed="yes"]')).toHaveCount(RUNS);
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  await expect(bar.getByRole("button", { name: "Re-run 2 selected" })).toBeVisible();
  // From the filters down: progress, the bar with a selection, and the fixed originals.
  const top = (await progress.boundingBox())?.y ?? 0;
  await page.screenshot({ path: "docs/screenshots/executions-bulk.png", fullPage: true, clip: { x: 0, y: Math.max(0, top - 70), width: 1440, height: 820 } });
  await bar.getByRole("button", { name: "Clear selection" }).click();

  // The re-runs appear in the history, succeeded, as re-runs.
  await page.getByRole("checkbox", { name: "Failed" }).uncheck();
  await page.getByRole("checkbox", { name: "Succeeded" }).check();
  await expect(rows).toHaveCount(RUNS);
  await expect(page.locator('tbody tr [data-column="mode"]', { hasText: "Re-run" })).toHaveCount(RUNS);

  // An original links to its re-run and says it was fixed by it; the re-run links back.
  await page.goto(`/executions/${originals[0]}`);
  const reruns = page.getByRole("region", { name: /Re-runs \(1\)/ });
  await expect(reruns.locator("li[data-rerun-id]")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByTestId("fixed-by-rerun").first()).toBeVisible();
  await expect(page.locator("[data-execution-id]").first()).toHaveAttribute("data-status", "FAILED");
  await page.screenshot({ path: "docs/screenshots/execution-reruns.png", clip: { x: 0, y: 0, width: 1440, height: 700 } });
  await reruns.locator("li[data-rerun-id] a").click();
  await expect(page.getByRole("link", { name: "the original run" })).toHaveAttribute("href", `/executions/${originals[0]}`);

  // Replay with an edited payload: the editor starts from the original body; the new run uses the edit.
  await page.goto(`/executions/${originals[1]}`);
  await page.getByRole("button", { name: "Re-run with edited payload" }).click();
  const editor = page.getByRole("dialog", { name: "Re-run with an edited payload" });
  const body = editor.getByRole("textbox", { name: "Request body (JSON)" });
  await expect(body).toContainText('"n": 1');
  await body.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText('{ "orderId": "EDITED", "n": 4242 }');
  await editor.getByRole("radio", { name: "Current version" }).check();
  await page.screenshot({ path: "docs/screenshots/execution-edited-rerun.png", clip: { x: 0, y: 0, width: 1440, height: 700 } });
  await editor.getByRole("button", { name: "Start re-run" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/executions/${originals[1]}$`));
  await expect(page.locator("[data-execution-id]").first()).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByRole("region", { name: "Trigger request" })).toContainText("EDITED");
  await expect(page.getByRole("link", { name: "the original run" })).toHaveAttribute("href", `/executions/${originals[1]}`);
});
