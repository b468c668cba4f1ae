import { expect as baseExpect, test } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { createWorkflow, graphNode, postWebhook, uniquePath } from "./helpers";
import { reportMeasured } from "../support/measured";

// Rendering megabytes on a loaded machine: UI waits get a minute (states, not speed, are checked here).
const expect = baseExpect.configure({ timeout: 60_000 });

// ~5 MB of JSON: 22 000 records plus one 400 000-character string.
function fiveMegabytes() {
  const items = Array.from({ length: 22_000 }, (_, i) => ({ id: i, sku: `SKU-${i}`, title: `Item number ${i} `.repeat(8), tags: ["a", "b", "c"], price: i * 1.5 }));
  return { count: items.length, blob: "x".repeat(400_000), items };
}

test("a 5 MB output opens collapsed, stays responsive and can be downloaded", async ({ page }) => {
  // 10 MB cross the test's route handler and the browser's JSON parser before the page shows
  // anything: on a loaded 2-core machine that alone took over 15 s.
  test.setTimeout(240_000);
  await signUpFreshUser(page);
  const path = uniquePath("big");
  await createWorkflow(page, {
    name: "Big output",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path } },
      // 1.5 MB: over the server's default 1 MB storage limit, so it is stored truncated.
      { id: "generate", type: "code", parameters: { source: 'return { blob: "y".repeat(1500000) };' } },
    ],
    connections: [{ from: "webhook", to: "generate" }],
  });
  const { status, executionId } = await postWebhook(page, path, {});
  expect(status).toBe(200);

  // The stored output is truncated by the server's 1 MB default; serve the page the value
  // a server with a higher HOOKFLOW_MAX_OUTPUT_BYTES would store: 5 MB as input and output.
  const big = fiveMegabytes();
  expect(JSON.stringify(big).length).toBeGreaterThan(5_000_000);
  let served = false;
  await page.route(`**/api/executions/${executionId}`, async (route) => {
    const response = await route.fetch();
    const execution = await response.json();
    const node = execution.nodes.find((n: { nodeId: string }) => n.nodeId === "generate");
    expect(node.outputTruncated).toBe(true);
    served = true;
    node.output = big;
    node.input = big;
    await route.fulfill({ response, json: execution });
  });

  const loading = Date.now();
  await page.goto(`/executions/${executionId}`);
  await expect(graphNode(page, "generate")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 120_000 });
  expect(served).toBe(true);
  reportMeasured(`execution page with the 5 MB output shown ${Date.now() - loading} ms after navigation`);

  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  const opened = Date.now();
  await graphNode(page, "generate").click();
  const panel = page.getByRole("region", { name: "Node generate" });
  const output = panel.getByRole("group", { name: "Output" });
  // Collapsed beyond the top level: the big array and string are summarized.
  await expect(output).toContainText('"items": [ … 22,000 items ]');
  await expect(output.getByRole("button", { name: /Show all \(\+399,800 characters\)/ })).toBeVisible();
  // The page answers while the panel is open. How fast is reported, not asserted: on a loaded
  // machine any bound is a guess; what keeps it fast is checked below (only the rows in view are rendered).
  const roundTrip = Date.now();
  await page.evaluate(() => 1);
  const roundTripMs = Date.now() - roundTrip;
  await page.getByRole("button", { name: "Copy as curl" }).hover();
  const openMs = Date.now() - opened;
  const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  reportMeasured(`round trip ${roundTripMs} ms; panel usable ${openMs} ms after the click; longest main-thread task ${Math.round(longest)} ms`);
  // Only the rows in view are in the DOM, not megabytes of text.
  expect(await panel.locator("[data-json-row]").count()).toBeLessThan(200);
  expect((await panel.textContent())!.length).toBeLessThan(50_000);

  // Expanding the 22 000-item array shows a page of it with "show all"; showing all stays virtualized.
  await output.getByRole("button", { name: "Expand items" }).click();
  await expect(output).toContainText('"sku": "SKU-0"');
  // Rows are virtualized: the "show all" row at the end of the first page mounts once scrolled to.
  await output.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await output.getByRole("button", { name: "Show all 22,000 items" }).click();
  await expect(output.getByRole("button", { name: "Show all 22,000 items" })).toHaveCount(0);
  await output.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(output).toContainText('"sku": "SKU-21999"');
  expect(await panel.locator("[data-json-row]").count()).toBeLessThan(400);

  // Download hands over the full value, not the preview.
  const downloadPromise = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Download Output" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("generate-output.json");
  const saved = JSON.parse(await streamToString(await download.createReadStream()));
  expect(saved.items).toHaveLength(22_000);
  expect(saved.blob).toHaveLength(400_000);
});

test("a truncated stored output says so, with its real size", async ({ page }) => {
  await signUpFreshUser(page);
  const path = uniquePath("truncated");
  await createWorkflow(page, {
    name: "Truncated output",
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path } },
      { id: "generate", type: "code", parameters: { source: 'return { blob: "y".repeat(1500000) };' } },
    ],
    connections: [{ from: "webhook", to: "generate" }],
  });
  const { executionId } = await postWebhook(page, path, {});
  await page.goto(`/executions/${executionId}`);
  await graphNode(page, "generate").click();
  const panel = page.getByRole("region", { name: "Node generate" });
  await expect(panel.getByRole("note")).toContainText(/Output truncated, 1,500,0\d\d bytes/);
  await expect(panel.getByRole("group", { name: "Output" })).toContainText('"truncated": true');
});

async function streamToString(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}
