import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { ExecutionDetail, ExecutionPage } from "../../components/data/api-types";
import { signUpFreshUser } from "../support/accounts";
import { createWorkflow, graphNode, postWebhook, uniquePath } from "../execution-detail/helpers";

const OFFLINE_MS = 10_000;
// From "back online" to the screen equal to the database: one catch-up request, then one refetch
// of the list and of the open run (about 0.2 s on an idle machine). The test waits for the state
// and reports the time; the time itself is a benchmark's to judge (e2e/bench/row-visible.ts).
const CATCH_UP_CEILING_MS = 30_000;

async function apiList(api: APIRequestContext): Promise<string[]> {
  const response = await api.get("/api/executions?limit=50");
  expect(response.status()).toBe(200);
  const page = (await response.json()) as ExecutionPage;
  return page.items.map((item) => `${item.id}:${item.status}`);
}

async function shownList(page: Page): Promise<string[]> {
  return page
    .locator("tbody tr[data-execution-id]")
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute("data-execution-id")}:${row.getAttribute("data-status")}`));
}

async function apiDetail(api: APIRequestContext, id: string): Promise<string[]> {
  const detail = (await (await api.get(`/api/executions/${id}`)).json()) as ExecutionDetail;
  return [`run:${detail.status}`, ...detail.nodes.map((n) => `${n.nodeId}:${n.status}`).sort()];
}

async function shownDetail(page: Page): Promise<string[]> {
  const status = await page.locator("[data-execution-id][data-status]").first().getAttribute("data-status");
  const nodes = await page
    .getByTestId("execution-graph")
    .locator("button[data-node-id]")
    .evaluateAll((buttons) => buttons.map((b) => `${b.getAttribute("data-node-id")}:${b.getAttribute("data-status")}`));
  // Nodes without a row (not run, or running) have no counterpart in the API's rows.
  return [`run:${status}`, ...nodes.filter((n) => !n.endsWith(":NOT_RUN") && !n.endsWith(":RUNNING")).sort()];
}

test("offline for 10 s while runs happen: the header leaves Live, and back online the list and an open run match the database", async ({ page, context }) => {
  await signUpFreshUser(page);
  const path = uniquePath("offline");
  // Answers at once (202), then runs about 24 s through six 4 s waits (each short enough to run
  // in-process rather than park): however slowly a loaded machine opens the page, one is running.
  const waits = ["wait-1", "wait-2", "wait-3", "wait-4", "wait-5", "wait-6"];
  await createWorkflow(page, {
    name: "Slow sync",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, responseMode: "immediately" } },
      ...waits.map((id) => ({ id, type: "wait", parameters: { ms: 4_000 } })),
      { id: "store", type: "set", parameters: { fields: { stored: true } } },
    ],
    connections: [...waits.map((id, i) => ({ from: i === 0 ? "webhook" : waits[i - 1]!, to: id })), { from: waits.at(-1)!, to: "store" }],
  });
  const api = page.request;

  await page.goto("/executions");
  const indicator = page.getByRole("status", { name: /^Realtime:/ });
  await expect(indicator).toHaveAccessibleName("Realtime: Live");
  const first = await postWebhook(page, path, { n: 0 });
  expect(first.status).toBe(202);

  const detail = await context.newPage();
  await detail.goto(`/executions/${first.executionId}`);
  // The run is in one of its waits: that node says Running, with a clock, before any row for it exists.
  await expect(detail.locator(`[data-execution-id="${first.executionId}"]`)).toHaveAttribute("data-status", "RUNNING");
  const runningNode = detail.getByTestId("execution-graph").locator('button[data-status="RUNNING"]');
  await expect(runningNode).toHaveCount(1);
  await expect(runningNode).toHaveAccessibleName(/^wait-\d \(wait\), Running$/);
  await expect(runningNode.getByTestId("running-elapsed")).toHaveText(/^for \d/);
  await expect(detail.getByRole("status", { name: "Realtime: Live" })).toBeVisible();

  let expectedList: string[] = [];
  let expectedDetail: string[] = [];
  await context.setOffline(true);
  const offlineAt = Date.now();
  try {
    await expect(indicator).not.toHaveAccessibleName("Realtime: Live");
    await expect(detail.getByRole("status", { name: /^Realtime:/ })).not.toHaveAccessibleName("Realtime: Live");

    // The API request context is Playwright's own HTTP client, not the page's network: it still works.
    const missed: string[] = [];
    for (let n = 1; n <= 4; n++) missed.push((await postWebhook(page, path, { n })).executionId);
    // Everything settles in the database while the browser is away.
    await expect
      .poll(async () => (await apiList(api)).filter((row) => row.endsWith(":SUCCEEDED")).length, { timeout: 90_000 })
      .toBe(5);
    // Nothing reached the page meanwhile: the socket and its polling were cut.
    await expect(page.locator(`tr[data-execution-id="${missed[3]}"]`)).toHaveCount(0);
    // Every run is over, so this is what the screens must show once back (read before going back
    // online, so the measured time is the page's alone).
    expectedList = await apiList(api);
    expectedDetail = await apiDetail(api, first.executionId);
    expect(expectedDetail[0]).toBe("run:SUCCEEDED");
    await page.waitForTimeout(Math.max(0, OFFLINE_MS - (Date.now() - offlineAt)));
  } finally {
    await context.setOffline(false);
  }
  const onlineAt = Date.now();
  await expect.poll(() => shownList(page), { timeout: CATCH_UP_CEILING_MS, intervals: [50] }).toEqual(expectedList);
  await expect.poll(() => shownDetail(detail), { timeout: CATCH_UP_CEILING_MS, intervals: [50] }).toEqual(expectedDetail);
  const caughtUpMs = Date.now() - onlineAt;
  test.info().annotations.push({ type: "caught up after online (ms)", description: String(caughtUpMs) });
  console.log(`[offline.spec] list and detail equal the database ${caughtUpMs} ms after going back online`);

  await expect(indicator).toHaveAccessibleName("Realtime: Live", { timeout: 5_000 });
  await expect(graphNode(detail, "store")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(detail.getByTestId("execution-graph").locator('button[data-status="RUNNING"]')).toHaveCount(0);
});
