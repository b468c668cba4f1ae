import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";
import { createWorkflow, graphNode, postWebhook, uniquePath } from "./helpers";

test("a succeeded run shows the graph coloured by status, the taken path and the timeline", async ({ page, context }) => {
  await signUpFreshUser(page);
  const path = uniquePath("orders");
  await createOrderWorkflow(page, path);
  const { status, executionId } = await postWebhook(page, path, { orderId: "A-42", amount: 250, customer: { name: "Ada" } });
  expect(status).toBe(200);

  await page.goto(`/executions/${executionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order received");
  for (const nodeId of ["webhook", "enrich", "is-large", "priority"]) await expect(graphNode(page, nodeId)).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(graphNode(page, "standard")).toHaveAttribute("data-status", "NOT_RUN");
  await expect(page.getByRole("button", { name: /^standard \(respond\), Not run/ })).toBeVisible();
  // The taken path: three animated edges; the untaken branch is not.
  await expect(page.locator(".react-flow__edge.animated")).toHaveCount(3);
  await expect(page.getByRole("img", { name: "is-large to standard (false), not taken" })).toBeAttached();
  await expect(page.getByRole("list", { name: "Node timings" }).getByRole("listitem")).toHaveCount(4);

  // Selecting a node opens its panel with input and output.
  await graphNode(page, "enrich").click();
  const panel = page.getByRole("region", { name: "Node enrich" });
  await expect(panel.getByRole("group", { name: "Output" })).toContainText('"customer": "Ada"');
  await expect(panel.getByRole("group", { name: "Input" })).toContainText('"orderId": "A-42"');
  await expect(panel.getByRole("button", { name: "Download Output" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/execution-detail.png", fullPage: true });

  // Trigger request and copy as curl.
  const trigger = page.getByRole("region", { name: "Trigger request" });
  await expect(trigger).toContainText(`POST /${path}`);
  await expect(trigger.getByRole("rowheader", { name: "x-request-source" })).toBeVisible();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy as curl" }).click();
  await expect(page.getByRole("button", { name: "Copied curl" })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`curl -X POST '${new URL(page.url()).origin}/api/webhooks/${path}?source=e2e'`);
  expect(curl).toContain("-H 'x-request-source: playwright'");
  expect(JSON.parse(curl.match(/--data-raw '(.*)'$/m)![1]!)).toEqual({ orderId: "A-42", amount: 250, customer: { name: "Ada" } });
  // It ends with the answer the sender got, as comments.
  expect(curl).toMatch(/'\n# expected: HTTP 200\n# \{.*"orderId":"A-42".*\}$/);
  expect(curl).not.toMatch(/-H '(host|content-length|x-forwarded-for):/i);

  await page.getByRole("button", { name: "Close node panel" }).click();
  await expect(panel).toHaveCount(0);
});

test("the node panel of a failed run shows the error with its stack, attempts, logs, input and output", async ({ page }) => {
  await signUpFreshUser(page);
  const path = uniquePath("failing");
  await createWorkflow(page, {
    name: "Validate signup",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, responseMode: "lastNode" } },
      { id: "shape", type: "set", parameters: { keepInput: false, fields: { email: "{{ $json.body.email }}", plan: "pro" } } },
      {
        id: "check",
        type: "code",
        parameters: { source: 'function check(v) {\n  console.log("checking", v.email);\n  throw new TypeError("email domain is blocked: " + v.email);\n}\ncheck($json);' },
        settings: { retryOnFail: { maxTries: 2, waitMs: 50 } },
      },
      { id: "welcome", type: "noop", parameters: {} },
    ],
    connections: [
      { from: "webhook", to: "shape" },
      { from: "shape", to: "check" },
      { from: "check", to: "welcome" },
    ],
  });
  const { status, executionId } = await postWebhook(page, path, { email: "eve@blocked.test" });
  expect(status).toBe(500);

  await page.goto(`/executions/${executionId}`);
  await expect(page.getByRole("alert").filter({ hasText: "Failed node: check" })).toBeVisible();
  await expect(graphNode(page, "check")).toHaveAttribute("data-status", "FAILED");
  await expect(graphNode(page, "welcome")).toHaveAttribute("data-status", "NOT_RUN");

  // The failed node is selected on arrival.
  const panel = page.getByRole("region", { name: "Node check" });
  await expect(panel).toContainText("TypeError: email domain is blocked: eve@blocked.test");
  await expect(panel.getByLabel("Stack trace")).toContainText("at check");
  await expect(panel.getByRole("table")).toContainText("TypeError");
  await expect(panel.getByRole("table").getByRole("row")).toHaveCount(3);
  await expect(panel.getByLabel("Logs")).toContainText("checking eve@blocked.test");
  await expect(panel.getByRole("group", { name: "Input" })).toContainText('"email": "eve@blocked.test"');
  await expect(page.locator('li[data-node-id="check"]')).toContainText("2 tries");
  await page.screenshot({ path: "docs/screenshots/execution-failed.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // The graph re-fits to the narrower pane (the node would be clipped off otherwise).
  await page.getByTestId("execution-graph").scrollIntoViewIfNeeded();
  await expect(graphNode(page, "check")).toBeInViewport();
  await page.screenshot({ path: "docs/screenshots/execution-failed-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Keyboard: the graph's nodes are buttons; selecting another shows its output.
  await graphNode(page, "shape").focus();
  await page.keyboard.press("Enter");
  const shape = page.getByRole("region", { name: "Node shape" });
  await expect(shape.getByRole("group", { name: "Output" })).toContainText('"plan": "pro"');
  await expect(page.getByRole("region", { name: "Node check" })).toHaveCount(0);
});
