import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";

test("an invalid definition is shown at its node and line; fixing it saves a new version", async ({ page }) => {
  await signUpFreshUser(page);
  const path = `e2e/editor-${Date.now()}`;
  const { id } = await createOrderWorkflow(page, path);

  await page.goto(`/workflows/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Order received" })).toBeVisible();
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = page.getByRole("textbox", { name: "Workflow definition (JSON)" });
  const original = await editor.inputValue();
  expect(original).toContain('"is-large"');
  // The test payload is prefilled from the matching template's sample body.
  await expect(page.getByRole("textbox", { name: "Sample payload (JSON body)" })).toHaveValue(/"orderId": "A-1001"/);

  // Break the if node's condition (an expression syntax error) and save.
  const broken = original.replace('"{{ $json.amount >= 100 }}"', '"{{ $json.amount >= }}"');
  expect(broken).not.toBe(original);
  await editor.fill(broken);
  await page.getByRole("button", { name: "Save definition" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "Definition not saved" })).toBeVisible();
  // The error is shown at its node on the canvas, and at its line in the JSON.
  await page.getByRole("tab", { name: "Canvas" }).click();
  const graph = page.getByTestId("workflow-graph");
  const isLarge = graph.locator('button[data-node-id="is-large"]');
  await expect(isLarge).toHaveAttribute("data-invalid", "true");
  await expect(isLarge).toHaveAccessibleName(/is-large \(if\), 1 error/);
  // Only the offending node is marked.
  for (const other of ["webhook", "enrich", "priority", "standard"]) {
    await expect(graph.locator(`button[data-node-id="${other}"]`)).not.toHaveAttribute("data-invalid", "true");
  }
  await page.getByRole("tab", { name: "JSON" }).click();
  const problems = page.getByRole("list", { name: "Definition problems" });
  const problem = problems.getByRole("listitem").filter({ hasText: "is-large" });
  await expect(problem).toContainText("nodes[2].parameters.condition");
  // The line of the condition in the editor's text.
  const conditionLine = broken.split("\n").findIndex((l) => l.includes('"condition"')) + 1;
  await expect(problem.getByRole("button", { name: `Go to line ${conditionLine}` })).toBeVisible();
  await expect(page.locator(`[data-error-line]`)).toHaveText(String(conditionLine));
  await page.screenshot({ path: test.info().outputPath("workflow-invalid.png"), fullPage: true });

  // Nothing was saved: still version 1.
  expect((await (await page.request.get(`/api/workflows/${id}`)).json()).version).toBe(1);

  // Fix it (and rename), save: a success toast, no problems, the new version is live.
  await editor.fill(original.replace('"name": "Order received"', '"name": "Order received (edited)"').replace('"{{ $json.amount >= 100 }}"', '"{{ $json.amount >= 50 }}"'));
  await page.getByRole("button", { name: "Save definition" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Definition saved" })).toBeVisible();
  await expect(problems).toHaveCount(0);
  await page.getByRole("tab", { name: "Canvas" }).click();
  await expect(isLarge).not.toHaveAttribute("data-invalid", "true");
  await expect(page.getByRole("heading", { level: 1, name: "Order received (edited)" })).toBeVisible();
  const saved = await (await page.request.get(`/api/workflows/${id}`)).json();
  expect(saved.version).toBe(2);
  expect(saved.nodes[2].parameters.condition).toBe("{{ $json.amount >= 50 }}");
  const answer = await page.request.post(`/api/webhooks/${path}`, { data: { orderId: "X", amount: 60 } });
  expect(await answer.json()).toEqual({ orderId: "X", tier: "priority" });
});

test("a JSON syntax error is shown at its line and blocks saving", async ({ page }) => {
  await signUpFreshUser(page);
  const { id } = await createOrderWorkflow(page, `e2e/syntax-${Date.now()}`);
  await page.goto(`/workflows/${id}`);
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = page.getByRole("textbox", { name: "Workflow definition (JSON)" });
  const original = await editor.inputValue();
  const broken = original.replace('"id": "enrich",', '"id": "enrich"');
  expect(broken).not.toBe(original);
  await editor.fill(broken);
  const problems = page.getByRole("alert").filter({ hasText: "not valid JSON" });
  await expect(problems).toBeVisible();
  // The reader stops at the next property, on the line after the missing comma.
  const badLine = original.split("\n").findIndex((l) => l.includes('"id": "enrich"')) + 2;
  await expect(problems.getByRole("button", { name: `Go to line ${badLine}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save definition" })).toBeDisabled();
  await page.getByRole("button", { name: "Revert" }).click();
  await expect(problems).toHaveCount(0);
  await expect(editor).toHaveValue(original);
});
