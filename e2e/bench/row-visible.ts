// Benchmark, not a test: webhook answered → its row visible in an open history page.
// Against a running server (as the e2e specs use it):
//   E2E_PORT=3600 npx tsx e2e/bench/row-visible.ts        (ROW_BENCH_RUNS, default 60)
// Prints p50/p95/max ms. The row's first appearance is stamped inside the page by a
// MutationObserver (same machine, same clock as the webhook's answer), so polling from here adds
// nothing to the figure. A row that shows before the answer (the run's start event) counts as 0.
import { chromium } from "@playwright/test";
import config from "../../playwright.config";
import { signUpFreshUser } from "../support/accounts";
import { createOrderWorkflow } from "../support/workflows";

const RUNS = Number(process.env.ROW_BENCH_RUNS ?? 60);
const baseURL = config.use?.baseURL;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signUpFreshUser(page);
    const path = `bench/row-visible-${Date.now()}`;
    await createOrderWorkflow(page, path);
    await page.goto("/executions");
    await page.getByRole("status", { name: "Realtime: Live" }).waitFor();
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        const now = Date.now();
        for (const row of document.querySelectorAll("tr[data-execution-id]")) {
          const id = row.getAttribute("data-execution-id")!;
          seen[id] ??= now;
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });

    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const response = await page.request.post(`/api/webhooks/${path}`, { data: { orderId: `B-${i}`, amount: 10 + i, customer: { name: "Bench" } } });
      const answeredAt = Date.now();
      const id = response.headers()["x-hookflow-execution-id"];
      if (response.status() !== 200 || !id) throw new Error(`webhook answered ${response.status()}`);
      const seenAt = await page.waitForFunction((rowId) => (window as unknown as { __seen: Record<string, number> }).__seen[rowId], id, { timeout: 10_000, polling: 20 });
      latencies.push(Math.max(0, Number(await seenAt.jsonValue()) - answeredAt));
      // Apart, so each run meets an idle page (the case the immediate flush is for).
      await page.waitForTimeout(250);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`row visible after the webhook answered, ${RUNS} runs: p50 ${percentile(sorted, 50)} ms · p95 ${percentile(sorted, 95)} ms · max ${sorted.at(-1)} ms`);
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
