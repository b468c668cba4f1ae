import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createWorkflow, graphNode, postWebhook, uniquePath } from "./helpers";

// A 20 s wait parks the run (HOOKFLOW_PARK_AFTER_MS is 5 s): WAITING, held by no process.
test("a waiting execution shows live where it waits and can be cancelled", async ({ page }) => {
  await signUpFreshUser(page);
  const path = uniquePath("slow");
  await createWorkflow(page, {
    name: "Slow import",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, responseMode: "immediately" } },
      { id: "pause", type: "wait", parameters: { ms: 20_000 } },
      { id: "store", type: "set", parameters: { fields: { stored: true } } },
    ],
    connections: [
      { from: "webhook", to: "pause" },
      { from: "pause", to: "store" },
    ],
  });
  const { status, executionId } = await postWebhook(page, path, { batch: 7 });
  expect(status).toBe(202);

  await page.goto(`/executions/${executionId}`);
  const screen = page.locator(`[data-execution-id="${executionId}"]`);
  await expect(screen).toHaveAttribute("data-status", "WAITING");
  await expect(graphNode(page, "webhook")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(graphNode(page, "pause")).toHaveAttribute("data-status", "WAITING");
  await expect(graphNode(page, "pause")).toHaveAccessibleName(/Waiting/);
  await expect(page.getByText(/^Waiting — resumes /)).toBeVisible();

  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(screen).toHaveAttribute("data-status", "CANCELLED");
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Cancelled");
  await expect(page.getByRole("alert").filter({ hasText: "Cancelled by the user" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(graphNode(page, "pause")).toHaveAttribute("data-status", "CANCELLED");
  await expect(graphNode(page, "store")).toHaveAttribute("data-status", "NOT_RUN");
  await expect(graphNode(page, "store")).toHaveAccessibleName(/Not run/);
  // The stopped node says Cancelled, not Failed, with no error stack (never server file paths).
  await graphNode(page, "pause").click();
  const panel = page.getByRole("region", { name: "Node pause" });
  await expect(panel.getByRole("note").filter({ hasText: /^Cancelled/ })).toBeVisible();
  await expect(panel).toContainText("Cancelled");
  await expect(panel.getByLabel("Stack trace")).toHaveCount(0);
  await expect(panel).not.toContainText("Failed");
  await expect(page.locator("main")).not.toContainText(/\bat \S+ \(?\//);

  // Cancelled is final: the API refuses a second cancel.
  // As the app sends it: JSON (a bodyless cookie POST is refused as CSRF, lib/auth/same-origin.ts).
  const again = await page.request.post(`/api/executions/${executionId}/cancel`, { data: {} });
  expect(again.status()).toBe(409);
});
