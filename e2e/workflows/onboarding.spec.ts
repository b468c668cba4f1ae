import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";

test("a fresh account gets to a first successful webhook: example workflow → URL and curl → the run appears live", async ({ page }) => {
  await signUpFreshUser(page);
  await page.getByRole("navigation").getByRole("link", { name: "Workflows" }).click();
  const guide = page.getByRole("region", { name: "Your first webhook in a minute" });
  await guide.getByRole("button", { name: "Create the example workflow" }).click();
  const curl = guide.getByLabel("Ready curl command");
  await expect(curl).toContainText("curl -s -X POST 'http://");
  const url = /'(http[^']+)'/.exec((await curl.textContent())!)![1]!;
  await expect(guide.getByText("No runs yet.")).toBeVisible();

  // What the user pastes into a terminal.
  const answer = await page.request.post(url, { data: { orderId: "A-1001", amount: 250, customer: { name: "Ada" } } });
  expect(await answer.json()).toEqual({ orderId: "A-1001", tier: "priority" });
  const run = guide.getByRole("list", { name: "Recent executions" }).getByRole("listitem");
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute("data-status", "SUCCEEDED");
  await page.screenshot({ path: "docs/screenshots/onboarding.png" });
});
