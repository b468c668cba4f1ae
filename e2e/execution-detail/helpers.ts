import { expect, type Page } from "@playwright/test";

type NodeDef = { id: string; type: string; parameters: Record<string, unknown>; settings?: Record<string, unknown> };
export type WorkflowDef = { name: string; nodes: NodeDef[]; connections: { from: string; to: string; output?: string }[] };

// Creates an active workflow through the REST API with the page's session cookie.
export async function createWorkflow(page: Page, definition: WorkflowDef): Promise<string> {
  const response = await page.request.post("/api/workflows", { data: { ...definition, settings: {}, active: true } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

export async function updateWorkflow(page: Page, id: string, definition: WorkflowDef): Promise<void> {
  const response = await page.request.put(`/api/workflows/${id}`, { data: { ...definition, settings: {}, active: true } });
  expect(response.status(), await response.text()).toBe(200);
}

// Posts to a webhook and returns the execution id the answer names.
export async function postWebhook(page: Page, path: string, data: unknown): Promise<{ status: number; executionId: string }> {
  const response = await page.request.post(`/api/webhooks/${path}?source=e2e`, { data, headers: { "x-request-source": "playwright" } });
  const executionId = response.headers()["x-hookflow-execution-id"];
  expect(executionId, "x-hookflow-execution-id").toBeTruthy();
  return { status: response.status(), executionId: executionId! };
}

export function uniquePath(name: string): string {
  return `e2e/${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

export const graphNode = (page: Page, nodeId: string) => page.getByTestId("execution-graph").locator(`button[data-node-id="${nodeId}"]`);
