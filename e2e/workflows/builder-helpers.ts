import { expect, type Page } from "@playwright/test";

export function canvasNode(page: Page, id: string) {
  return page.getByTestId("workflow-graph").locator(`button[data-node-id="${id}"]`);
}

/** Drags from one React Flow handle to another with real mouse moves (React Flow listens to pointer moves). */
export async function dragHandle(page: Page, from: string, to: string) {
  const source = page.locator(`[data-handle="${from}"]`);
  const target = page.locator(`[data-handle="${to}"]`);
  await expect(source).toBeVisible();
  await expect(target).toBeVisible();
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** The saved definition, read through the API: what the builder wrote, not what it shows. */
export async function savedWorkflow(page: Page, id: string) {
  const response = await page.request.get(`/api/workflows/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { version: number; name: string; nodes: { id: string; type: string; parameters: Record<string, unknown> }[]; connections: { from: string; to: string; output?: string }[]; webhooks: { url: string }[] };
}

export async function expectSaved(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
}
