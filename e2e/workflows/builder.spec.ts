import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { canvasNode, dragHandle, expectSaved, savedWorkflow } from "./builder-helpers";

test("build webhook → set → if → two responds on the canvas with mouse and keyboard, save, call it, see the runs", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signUpFreshUser(page);
  await page.goto("/workflows");
  await page.getByRole("button", { name: "Start a blank workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await expect(canvasNode(page, "webhook")).toBeVisible();

  // One call first, so the builder has a run whose data feeds autocomplete and previews.
  const { webhooks } = await savedWorkflow(page, id);
  const url = webhooks[0]!.url;
  expect((await page.request.post(url, { data: { amount: 250, customer: "Ada" } })).status()).toBe(200);
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(1);

  // Webhook: answer with the respond node.
  await canvasNode(page, "webhook").click();
  await page.getByLabel("responseMode").selectOption("respondNode");

  // Set, added after the selected webhook (connected to it), with a field whose expression is picked from autocomplete.
  await page.getByRole("button", { name: "Add Set fields node" }).click();
  await expect(canvasNode(page, "set")).toBeVisible();
  await expect(page.getByRole("region", { name: "Node set" })).toBeVisible();
  await page.getByRole("button", { name: "Add fields entry" }).click();
  await page.getByLabel("fields name 1").fill("amount");
  const value = page.getByRole("combobox", { name: "fields value 1" });
  await value.click();
  await value.pressSequentially("$json.body.am");
  const option = page.getByRole("option", { name: /\$json\.body\.amount/ });
  await expect(option).toBeVisible();
  await value.press("Enter");
  await expect(value).toHaveValue("{{ $json.body.amount }}");
  // The preview is computed from the run above.
  await expect(page.locator("[data-expression-preview]").first()).toHaveText("= 250");

  // Save and run once more, so the sample run has the set node's output for what follows it.
  await page.keyboard.press("Control+s");
  await expectSaved(page);
  expect((await page.request.post(url, { data: { amount: 250 } })).status()).toBe(200);
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(2);

  // If, after set; its condition typed with the keyboard; the preview uses set's output from that run.
  await canvasNode(page, "set").click();
  await page.getByRole("button", { name: "Add If node" }).click();
  await expect(canvasNode(page, "if")).toBeVisible();
  const condition = page.getByRole("combobox", { name: "condition" });
  await condition.fill("{{ $json.amount >= 100 }}");
  await expect(page.locator("[data-expression-preview]")).toHaveText("= true");

  // First respond goes to the if's first free output ("true").
  await page.getByRole("button", { name: "Add Respond node" }).click();
  await expect(canvasNode(page, "respond")).toBeVisible();
  await page.getByLabel("body", { exact: true }).fill("priority");

  // Second respond placed unconnected (nothing selected), then connected by dragging if.false → its input.
  await page.getByTestId("workflow-graph").locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await expect(page.getByText("Select a node to edit it.")).toBeVisible();
  await page.getByRole("button", { name: "Add Respond node" }).click();
  await expect(canvasNode(page, "respond-2")).toBeVisible();
  await page.getByLabel("body", { exact: true }).fill("standard");
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await dragHandle(page, "if:false", "respond-2:in");
  await canvasNode(page, "if").click();
  await expect(page.getByLabel("Output false", { exact: true })).toHaveValue("respond-2");
  await expect(page.getByLabel("Output true", { exact: true })).toHaveValue("respond");

  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();
  await page.keyboard.press("Control+s");
  await expectSaved(page);

  const saved = await savedWorkflow(page, id);
  expect(saved.version).toBe(3);
  expect(saved.nodes.map((n) => n.type)).toEqual(["webhook", "set", "if", "respond", "respond"]);
  expect(saved.connections).toEqual([
    { from: "webhook", to: "set" },
    { from: "set", to: "if" },
    { from: "if", to: "respond", output: "true" },
    { from: "if", to: "respond-2", output: "false" },
  ]);

  const big = await page.request.post(url, { data: { amount: 250 } });
  expect(await big.text()).toContain("priority");
  const small = await page.request.post(url, { data: { amount: 5 } });
  expect(await small.text()).toContain("standard");
  // The runs appear live in the workflow's recent executions.
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(4);
  await page.screenshot({ path: "docs/screenshots/builder.png" });
});
