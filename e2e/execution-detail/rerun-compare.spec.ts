import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createWorkflow, graphNode, postWebhook, uniquePath, updateWorkflow, type WorkflowDef } from "./helpers";

function orders(path: string, change: boolean): WorkflowDef {
  return {
    name: "Order routing",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path } },
      {
        id: "enrich",
        type: "set",
        parameters: { keepInput: false, fields: { orderId: "{{ $json.body.orderId }}", amount: "{{ $json.body.amount }}", ...(change ? { channel: "web" } : {}) } },
      },
      // The new version waits a little: the re-run is often still running when its page opens.
      ...(change ? [{ id: "settle", type: "wait", parameters: { ms: 1500 } }] : []),
      { id: "is-large", type: "if", parameters: { condition: change ? "{{ $json.amount >= 1000 }}" : "{{ $json.amount >= 100 }}" } },
      { id: "priority", type: "respond", parameters: { body: { tier: "priority" } } },
      { id: "standard", type: "respond", parameters: { body: { tier: "standard" } } },
    ],
    connections: [
      { from: "webhook", to: "enrich" },
      ...(change ? [{ from: "enrich", to: "settle" }, { from: "settle", to: "is-large" }] : [{ from: "enrich", to: "is-large" }]),
      { from: "is-large", to: "priority", output: "true" },
      { from: "is-large", to: "standard", output: "false" },
    ],
  };
}

test("re-run against the current version opens the new run live and the comparison shows what changed", async ({ page }) => {
  await signUpFreshUser(page);
  const path = uniquePath("rerun");
  const workflowId = await createWorkflow(page, orders(path, false));
  const original = await postWebhook(page, path, { orderId: "R-1", amount: 250 });
  expect(original.status).toBe(200);
  await updateWorkflow(page, workflowId, orders(path, true));

  await page.goto(`/executions/${original.executionId}`);
  await expect(graphNode(page, "priority")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByRole("button", { name: "Compare with original" })).toHaveCount(0);
  await page.getByRole("button", { name: "Re-run", exact: true }).click();
  await page.getByRole("radio", { name: /Current version/ }).check();
  await page.getByRole("button", { name: "Start re-run" }).click();

  await expect(page).not.toHaveURL(new RegExp(`/executions/${original.executionId}$`));
  const screen = page.locator("[data-execution-id]");
  // The re-run may still be running when the page opens or may already be over (a fast run
  // skips that moment): wait for the final state, which arrives without a reload either way.
  await expect(screen).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(graphNode(page, "settle")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(graphNode(page, "standard")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByRole("link", { name: "the original run" })).toHaveAttribute("href", `/executions/${original.executionId}`);

  await page.getByRole("button", { name: "Compare with original" }).click();
  const compare = page.getByRole("region", { name: "Compared with the original run" });
  const row = (nodeId: string) => compare.locator(`li[data-node-id="${nodeId}"]`);
  await expect(row("webhook")).toHaveAttribute("data-change", "unchanged");
  await expect(row("enrich")).toHaveAttribute("data-change", "changed");
  await expect(row("settle")).toHaveAttribute("data-change", "added");
  await expect(row("standard")).toHaveAttribute("data-change", "added");
  await expect(row("priority")).toHaveAttribute("data-change", "removed");
  await expect(compare.getByRole("status")).toHaveText(/^2 changed · 2 added · 1 removed · 1 unchanged/);
  // The first changed node is open: its changed field and both outputs.
  await expect(compare.getByRole("list", { name: "Changed fields of enrich" })).toContainText('/channel added "web"');
  await expect(compare.getByRole("group", { name: "Original output" }).first()).not.toContainText("channel");
  await expect(compare.getByRole("group", { name: "This run's output" }).first()).toContainText('"channel": "web"');
  await page.screenshot({ path: "docs/screenshots/execution-compare.png", fullPage: true });
});
