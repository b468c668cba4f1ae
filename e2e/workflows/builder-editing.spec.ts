import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";
import { canvasNode, expectSaved, savedWorkflow } from "./builder-helpers";

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
});

test("expressions preview the last execution's data; an invalid one is shown at its field before saving, and at its node after", async ({ page }) => {
  await signUpFreshUser(page);
  const { id, url } = await createOrderWorkflow(page, `e2e/preview-${Date.now()}`);
  expect((await page.request.post(url, { data: { orderId: "A-7", amount: 250 } })).status()).toBe(200);

  await page.goto(`/workflows/${id}`);
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(1);
  await canvasNode(page, "is-large").click();
  const condition = page.getByRole("combobox", { name: "condition" });
  await expect(condition).toHaveValue("{{ $json.amount >= 100 }}");
  // is-large received {orderId, amount: 250} in that run.
  await expect(page.locator("#p-is-large-condition-preview")).toHaveText("= true");
  await condition.fill("{{ $json.amount * 2 }}");
  await expect(page.locator("#p-is-large-condition-preview")).toHaveText("= 500");
  await canvasNode(page, "enrich").click();
  // The database keeps keys sorted by length: amount comes before orderId.
  await expect(page.getByRole("combobox", { name: "fields value 2" })).toHaveValue("{{ $json.body.orderId }}");
  await expect(page.locator("#p-enrich-fields-v1-preview")).toHaveText('= "A-7"');

  // A syntax error shows at the field as it is typed, before any save.
  await canvasNode(page, "is-large").click();
  await condition.fill("{{ $json.amount >= }}");
  const fieldError = page.locator("#p-is-large-condition-preview");
  await expect(fieldError).toHaveAttribute("role", "alert");
  await expect(fieldError).toContainText("failed");
  await expect(condition).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "docs/screenshots/builder-expression-error.png" });

  // Saving anyway: the server refuses it and the node is marked, with the error at the field.
  await page.getByRole("button", { name: "Save workflow" }).click();
  await expect(canvasNode(page, "is-large")).toHaveAttribute("data-invalid", "true");
  await expect(page.locator('[data-field-error="condition"]')).toContainText("condition");
  expect((await savedWorkflow(page, id)).version).toBe(1);

  await condition.fill("{{ $json.amount >= 10 }}");
  await expect(page.locator("#p-is-large-condition-preview")).toHaveText("= true");
  await page.getByRole("button", { name: "Save workflow" }).click();
  await expectSaved(page);
  expect((await savedWorkflow(page, id)).nodes[2]!.parameters.condition).toBe("{{ $json.amount >= 10 }}");
});

test("undo and redo cover canvas and form edits; keyboard delete removes the selected node", async ({ page }) => {
  await signUpFreshUser(page);
  const { id } = await createOrderWorkflow(page, `e2e/undo-${Date.now()}`);
  await page.goto(`/workflows/${id}`);
  await expect(canvasNode(page, "standard")).toBeVisible();
  await expectSaved(page);

  // Delete a node with the keyboard: it and its connection go.
  await canvasNode(page, "standard").click();
  await expect(page.getByRole("region", { name: "Node standard" })).toBeVisible();
  await page.keyboard.press("Delete");
  await expect(canvasNode(page, "standard")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();

  // A form edit on another node.
  await canvasNode(page, "priority").click();
  await page.getByLabel("status", { exact: true }).fill("201");

  await page.getByTestId("workflow-graph").locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await page.keyboard.press("Control+z");
  await canvasNode(page, "priority").click();
  await expect(page.getByLabel("status", { exact: true })).toHaveValue("200");
  await page.getByTestId("workflow-graph").locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await page.keyboard.press("Control+z");
  await expect(canvasNode(page, "standard")).toBeVisible();
  await expectSaved(page);

  await page.keyboard.press("Control+Shift+z");
  await expect(canvasNode(page, "standard")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(canvasNode(page, "standard")).toBeVisible();
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await expect(canvasNode(page, "standard")).toHaveCount(0);

  // The JSON tab shows the same draft.
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.getByRole("textbox", { name: "Workflow definition (JSON)" })).not.toHaveValue(/"standard"/);
});

test("leaving with unsaved changes asks first", async ({ page }) => {
  await signUpFreshUser(page);
  const { id } = await createOrderWorkflow(page, `e2e/leave-${Date.now()}`);
  await page.goto(`/workflows/${id}`);
  await expectSaved(page);
  await page.getByLabel("Workflow name").fill("Renamed but not saved");
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();

  // Dismissed: still here, draft kept.
  const dismissed = page.waitForEvent("dialog").then(async (dialog) => {
    expect(dialog.message()).toContain("unsaved changes");
    await dialog.dismiss();
  });
  await page.getByRole("navigation").getByRole("link", { name: "Executions" }).click();
  await dismissed;
  await expect(page).toHaveURL(new RegExp(`/workflows/${id}$`));
  await expect(page.getByLabel("Workflow name")).toHaveValue("Renamed but not saved");

  // Accepted: navigates away, nothing saved.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("navigation").getByRole("link", { name: "Executions" }).click();
  await expect(page).toHaveURL(/\/executions/);
  expect((await savedWorkflow(page, id)).name).toBe("Order received");
});

test("the test panel starts from the last real request: method, headers, query and body", async ({ page }) => {
  await signUpFreshUser(page);
  const { id, url } = await createOrderWorkflow(page, `e2e/replay-${Date.now()}`);
  const real = await page.request.post(`${url}?source=shop&page=2`, { headers: { "x-shop-id": "42" }, data: { orderId: "R-1", amount: 30 } });
  expect(real.status()).toBe(200);

  await page.goto(`/workflows/${id}`);
  const panel = page.getByRole("form", { name: "Send test request" });
  await expect(panel.getByLabel("Headers")).toHaveValue(/x-shop-id: 42/);
  // Both parameters, in the order the database keeps them.
  await expect(panel.getByLabel("Query")).toHaveValue(/^(source=shop\npage=2|page=2\nsource=shop)$/);
  await expect(panel.getByLabel("Sample payload (JSON body)")).toHaveValue(/"orderId": "R-1"/);

  await panel.getByLabel("Query").fill("source=test");
  await panel.getByLabel("Sample payload (JSON body)").fill('{"orderId": "R-2", "amount": 300}');
  await panel.getByRole("button", { name: "Send test request" }).click();
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(2);
  const items = (await (await page.request.get(`/api/executions?workflowId=${id}`)).json()).items as { id: string; mode: string }[];
  const manual = items.find((e) => e.mode === "MANUAL")!;
  const detail = await (await page.request.get(`/api/executions/${manual.id}`)).json();
  expect(detail.trigger.headers["x-shop-id"]).toBe("42");
  expect(detail.trigger.query).toEqual({ source: "test" });
  expect(detail.trigger.body).toEqual({ orderId: "R-2", amount: 300 });
});

test("the code node has a code editor and runs its unsaved source on the sample input in the sandbox", async ({ page }) => {
  await signUpFreshUser(page);
  const path = `e2e/code-${Date.now()}`;
  const created = await page.request.post("/api/workflows", {
    data: {
      name: "Code sample",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path } },
        { id: "calc", type: "code", parameters: { source: "return { total: $json.body.amount * 2 };" } },
      ],
      connections: [{ from: "webhook", to: "calc" }],
    },
  });
  expect(created.status()).toBe(201);
  const { id, webhooks } = await created.json();
  expect(await (await page.request.post(webhooks[0].url, { data: { amount: 21 } })).json()).toEqual({ total: 42 });

  await page.goto(`/workflows/${id}`);
  await expect(page.getByRole("list", { name: "Recent executions" }).getByRole("listitem")).toHaveCount(1);
  await canvasNode(page, "calc").click();
  const editor = page.getByRole("textbox", { name: "source (JavaScript)" });
  await expect(editor).toContainText("return { total: $json.body.amount * 2 };");
  await editor.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("console.log('amount', $json.body.amount);\nreturn { total: $json.body.amount * 3 };");
  await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();

  await page.getByRole("button", { name: "Run with sample input" }).click();
  await expect(page.getByLabel("Code output")).toContainText('"total": 63');
  await expect(page.getByLabel("Code logs")).toContainText("amount 21");
  await page.screenshot({ path: "docs/screenshots/builder-code.png" });
  // Nothing was saved or run as an execution.
  expect((await (await page.request.get(`/api/workflows/${id}`)).json()).version).toBe(1);
  expect((await (await page.request.get(`/api/executions?workflowId=${id}`)).json()).items).toHaveLength(1);
});
