import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";

test("a payload-field search lives in the URL, lists exactly the matching run, and opens it to what the sender got", async ({ page, request }) => {
  await signUpFreshUser(page);
  const stamp = Date.now();
  const path = `e2e/search-${stamp}`;
  await createOrderWorkflow(page, path);
  const target = `ada-${stamp}@example.com`;
  // Six runs; only one carries the target email, and another's differs by one character.
  const emails = [`bob-${stamp}@example.com`, target, `ada-${stamp}@example.org`, `cy-${stamp}@example.com`, `dee-${stamp}@example.com`, `eve-${stamp}@example.com`];
  const ids: string[] = [];
  for (const [i, email] of emails.entries()) {
    const response = await request.post(`/api/webhooks/${path}`, { data: { orderId: `Q-${i}`, amount: 40 + i * 30, customer: { name: `Customer ${i}`, email } } });
    expect(response.status()).toBe(200);
    ids.push(response.headers()["x-hookflow-execution-id"]!);
  }
  const targetId = ids[1]!;

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/executions");
  const rows = page.locator("tbody tr[data-execution-id]");
  await expect(rows).toHaveCount(6);

  const search = page.getByLabel("Search payloads, node outputs and errors");
  // A half-typed condition is named, with its place, and not sent.
  await search.fill("body.customer.email =");
  await search.press("Enter");
  await expect(page.locator("#filter-q-error")).toHaveText(/expected a value after "=" \(character 22\)/);
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(rows).toHaveCount(6);

  await search.fill(`body.customer.email = "${target}"`);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(`body.customer.email = "${target}"`).replaceAll("%20", "(\\+|%20)")}`));
  await expect(rows).toHaveCount(1);
  await expect(page.locator(`tr[data-execution-id="${targetId}"]`)).toBeVisible();
  await expect(page.getByText("That is every execution matching these filters.")).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/executions-search.png" });

  // The URL is the search: a reload shows the same run.
  await page.reload();
  await expect(search).toHaveValue(`body.customer.email = "${target}"`);
  await expect(rows).toHaveCount(1);

  await page.locator(`tr[data-execution-id="${targetId}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`/executions/${targetId}$`));
  await expect(page.getByText(target).first()).toBeVisible();

  // What the sender got: the answer of the branch its amount (70) took.
  const answer = page.getByRole("region", { name: "Response" });
  await expect(answer.locator("[data-http-status]")).toHaveText("HTTP 200");
  await expect(answer).toContainText("standard");
  await expect(answer).toContainText("Q-1");
});
