import { expect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";

test("API keys: created and shown once, work as a Bearer token, and stop working when revoked", async ({ page, request }) => {
  const { email } = await signUpFreshUser(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Account" })).toContainText(email);

  await page.getByRole("textbox", { name: "Key name" }).fill("ci deploys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const shown = page.getByLabel("New API key");
  await expect(shown).toHaveText(/^hfk_\S+$/);
  const key = (await shown.textContent())!;

  // The key authenticates the REST API on its own (the request fixture has no session cookie).
  const withKey = () => request.get("/api/executions", { headers: { authorization: `Bearer ${key}` } });
  const ok = await withKey();
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ items: [], nextCursor: null });

  const row = page.getByRole("row").filter({ hasText: "ci deploys" });
  await expect(row).toContainText(`${key.slice(0, 10)}…`);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(shown).toHaveCount(0);
  // Shown once: after closing the notice, and after a reload, the full key is nowhere on the page.
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);

  await page.getByRole("textbox", { name: "Key name" }).fill("laptop");
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByLabel("New API key")).toBeVisible();
  await page.getByRole("button", { name: "I have copied it" }).click();

  // Revoke asks first; cancelling keeps the key working.
  await row.getByRole("button", { name: "Revoke ci deploys" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “ci deploys”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await withKey()).status()).toBe(200);

  await row.getByRole("button", { name: "Revoke ci deploys" }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "API key “ci deploys” revoked" })).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  const refused = await withKey();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
  await expect(page.getByRole("row").filter({ hasText: "laptop" }).getByRole("button", { name: "Revoke laptop" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/settings.png", fullPage: true });
});
