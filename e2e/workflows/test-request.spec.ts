import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { startGate } from "../../test/gate";
import { reportMeasured } from "../support/measured";

test("send test request: the manual execution appears and reaches Succeeded live, even behind HMAC auth", async ({ page }) => {
  await signUpFreshUser(page);
  // The run waits at this loopback gate until the page has shown it Running (the e2e server allows
  // private network targets): the page sees a state, not a window a slow machine can miss.
  const gate = await startGate();
  const path = `e2e/test-run-${Date.now()}`;
  const created = await page.request.post("/api/workflows", {
    data: {
      name: "Slow greeter",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path, auth: { type: "hmac" } } },
        // Held until the page shows Running; the switch to Succeeded can only come live.
        { id: "pause", type: "httpRequest", parameters: { method: "GET", url: gate.url } },
        { id: "greet", type: "set", parameters: { keepInput: false, fields: { greeting: "{{ 'Hello ' & $trigger.body.name }}" } } },
      ],
      connections: [
        { from: "webhook", to: "pause" },
        { from: "pause", to: "greet" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  // The real webhook refuses an unsigned request; the test route does not need the secret.
  expect((await page.request.post(`/api/webhooks/${path}`, { data: {} })).status()).toBe(401);

  await page.goto(`/workflows/${id}`);
  await expect(page.getByRole("status", { name: "Realtime: Live" })).toBeVisible();
  const recent = page.getByRole("list", { name: "Recent executions" });
  await expect(page.getByText("No runs yet.")).toBeVisible();

  const payload = page.getByRole("textbox", { name: "Sample payload (JSON body)" });
  await expect(payload).toHaveValue("{}");
  await payload.fill('{ "name": "Ada" }');
  const clicked = Date.now();
  await page.getByRole("button", { name: "Send test request" }).click();

  const run = page.getByRole("region", { name: "Test run" });
  await expect(run).toHaveAttribute("data-status", "RUNNING");
  await expect(run.getByRole("status")).toHaveAccessibleName("Test run status: running");
  reportMeasured(`Running shown ${Date.now() - clicked} ms after the click`);
  await gate.reached;
  gate.open();
  const opened = Date.now();
  await expect(run).toHaveAttribute("data-status", "SUCCEEDED");
  reportMeasured(`Succeeded shown ${Date.now() - opened} ms after the gate opened`);
  await gate.close();
  await expect(run).toContainText("Succeeded");
  await expect(run.getByRole("group", { name: "Output of greet" })).toContainText('"greeting": "Hello Ada"');
  const executionId = await run.getAttribute("data-execution-id");

  // The run is a MANUAL execution with the payload as its trigger body, listed live on the page.
  const saved = await (await page.request.get(`/api/executions/${executionId}`)).json();
  expect(saved.mode).toBe("MANUAL");
  expect(saved.trigger.body).toEqual({ name: "Ada" });
  await expect(recent.locator(`li[data-execution-id="${executionId}"]`)).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(run.getByRole("link", { name: "Open execution" })).toHaveAttribute("href", `/executions/${executionId}`);
  await page.screenshot({ path: "docs/screenshots/workflow.png", fullPage: true });

  // The HMAC webhook's secret: revealed on request, rotated only after confirming.
  await page.getByRole("button", { name: "Reveal secret" }).click();
  const secret = page.getByLabel("Secret of webhook");
  await expect(secret).toHaveText(/^[0-9a-f]{64}$/);
  const before = await secret.textContent();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the secret of “webhook”?" });
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Secret rotated" })).toBeVisible();
  await expect(secret).toHaveText(/^[0-9a-f]{64}$/);
  await expect(secret).not.toHaveText(before!);
  const stored = await (await page.request.get(`/api/workflows/${id}/webhooks/webhook/secret`)).json();
  expect(stored.secret).toBe(await secret.textContent());
});
