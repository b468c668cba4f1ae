import { expect, type Page } from "@playwright/test";

let counter = 0;

// Signs up a fresh user through the UI, so each spec starts with an empty history.
export async function signUpFreshUser(page: Page): Promise<{ email: string; password: string }> {
  counter += 1;
  const email = `e2e-${Date.now()}-${counter}@hookflow.test`;
  const password = "e2e-password-123";
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/executions/);
  return { email, password };
}
