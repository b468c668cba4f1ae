import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";

test("retention: defaults shown, a change is saved and survives a reload", async ({ page }) => {
  await signUpFreshUser(page);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Execution retention" });
  const age = section.getByLabel("Keep executions for (days)");
  await expect(age).toHaveValue("14");

  await age.fill("30");
  await section.getByLabel(/Most executions kept per workflow/).fill("5000");
  await section.getByRole("checkbox").check();
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Retention saved" })).toBeVisible();

  const saved = await page.request.get("/api/settings/retention");
  expect(await saved.json()).toEqual({ maxAgeDays: 30, maxExecutionsPerWorkflow: 5000, dropPayloadOnly: true });
  await page.reload();
  await expect(age).toHaveValue("30");
  await expect(section.getByRole("checkbox")).toBeChecked();
});
