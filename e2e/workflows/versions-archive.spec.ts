import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";
import { canvasNode, expectSaved, savedWorkflow } from "./builder-helpers";

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
});

test("versions: a diff names the changed parameter; restore saves the old definition as a new version", async ({ page }) => {
  await signUpFreshUser(page);
  const path = `e2e/versions-${Date.now()}`;
  const { id, url } = await createOrderWorkflow(page, path);
  await page.goto(`/workflows/${id}`);

  await canvasNode(page, "is-large").click();
  await page.getByRole("combobox", { name: "condition" }).fill("{{ $json.amount >= 1000 }}");
  await page.getByRole("button", { name: "Save workflow" }).click();
  await expectSaved(page);
  expect(await (await page.request.post(url, { data: { orderId: "B", amount: 250 } })).json()).toEqual({ orderId: "B", tier: "standard" });

  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);
  await expect(versions.locator('[data-version="2"]')).toContainText("current");
  await expect(versions.locator('[data-version="2"]')).toContainText("1 run");
  const diff = page.getByRole("region", { name: "Changes from version 1 to 2" });
  await expect(diff.locator('[data-diff-node="is-large"]')).toContainText("parameters.condition");
  await expect(diff.locator('[data-diff-node="is-large"]')).toContainText('"{{ $json.amount >= 1000 }}"');
  await page.getByRole("heading", { name: "Versions" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "docs/screenshots/builder-versions.png", fullPage: true });

  await versions.getByRole("button", { name: "Restore version 1" }).click();
  await page.getByRole("dialog", { name: "Restore version 1?" }).getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Version 1 restored" })).toBeVisible();
  await expect(versions.getByRole("listitem")).toHaveCount(3);
  await expect(versions.locator('[data-version="3"]')).toContainText("current");
  const saved = await savedWorkflow(page, id);
  expect(saved.version).toBe(3);
  expect(saved.nodes[2]!.parameters.condition).toBe("{{ $json.amount >= 100 }}");
  // The canvas shows the restored definition (the draft had no edits).
  await canvasNode(page, "is-large").click();
  await expect(page.getByRole("combobox", { name: "condition" })).toHaveValue("{{ $json.amount >= 100 }}");
  expect(await (await page.request.post(url, { data: { orderId: "C", amount: 250 } })).json()).toEqual({ orderId: "C", tier: "priority" });
});

test("archiving keeps the workflow's executions readable and frees its webhook", async ({ page }) => {
  await signUpFreshUser(page);
  const path = `e2e/archive-${Date.now()}`;
  const { id, url } = await createOrderWorkflow(page, path);
  expect((await page.request.post(url, { data: { orderId: "A-9", amount: 250 } })).status()).toBe(200);

  await page.goto(`/workflows/${id}`);
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByRole("dialog", { name: "Archive “Order received”?" }).getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "its webhooks are removed" })).toBeVisible();
  expect((await page.request.post(url, { data: { orderId: "A-10", amount: 1 } })).status()).toBe(404);

  // Gone from the list, present under "Archived workflows".
  await page.getByRole("navigation").getByRole("link", { name: "Workflows" }).click();
  await expect(page.getByText("No workflows yet")).toBeVisible();
  await page.getByText("Archived workflows").click();
  await expect(page.getByRole("list", { name: "Archived workflows" }).getByRole("link", { name: "Order received" })).toBeVisible();

  // Its run is still in the history, with its nodes.
  await page.getByRole("list", { name: "Archived workflows" }).getByRole("link", { name: "Executions" }).click();
  await expect(page).toHaveURL(new RegExp(`/executions\\?workflowId=${id}`));
  const executions = (await (await page.request.get(`/api/executions?workflowId=${id}`)).json()).items as { id: string }[];
  expect(executions).toHaveLength(1);
  await page.goto(`/executions/${executions[0]!.id}`);
  await expect(page.getByTestId("workflow-graph").or(page.getByRole("heading", { level: 1 })).first()).toBeVisible();
  const detail = await (await page.request.get(`/api/executions/${executions[0]!.id}`)).json();
  expect(detail.nodes.map((n: { nodeId: string }) => n.nodeId)).toContain("is-large");
});
