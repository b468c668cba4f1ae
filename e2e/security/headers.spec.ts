import { expect, test, type Page } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";
import { canvasNode } from "../workflows/builder-helpers";

// The app's own security headers, on the production build: a nonce-based CSP on pages, and on
// every response nosniff, no framing, a same-origin referrer, no X-Powered-By, HSTS behind https.

const everyResponse = (headers: Record<string, string>) => {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
};

// Every CSP violation and console error of a page, recorded in the page itself from its first script.
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

test("pages carry a per-request nonce CSP and API routes the shared headers", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"]!;
  everyResponse(first.headers());
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain("unsafe-eval");
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(directive);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"]!)![1]).not.toBe(nonce);
  // Next put the nonce on every script it rendered.
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(first.headers()["strict-transport-security"]).toBeUndefined();

  for (const path of ["/api/health", "/api/executions"]) {
    const response = await request.get(path);
    everyResponse(response.headers());
    expect(response.headers()["content-security-policy"]).toBeUndefined();
  }

  // HSTS only when the request came over https (through the proxy that terminates TLS).
  const overHttps = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  const page = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("the pages work under the CSP: realtime socket, React Flow, CodeMirror, styles, no violation", async ({ page }) => {
  // Five pages, each waiting for its realtime socket: slow on a busy CI machine, not timed.
  test.slow();
  const problems = await watchViolations(page);
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signUpFreshUser(page);
  // The realtime socket connects (connect-src allows the configured Pusher host and port).
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  // Tailwind's stylesheet applied (style-src 'self').
  expect(await page.locator("body").evaluate((b) => getComputedStyle(b).minHeight)).not.toBe("0px");

  const created = await page.request.post("/api/workflows", {
    data: {
      name: "CSP check",
      active: true,
      nodes: [
        { id: "webhook", type: "webhook", parameters: { path: `e2e/csp-${Date.now()}` } },
        { id: "calc", type: "code", parameters: { source: "return { total: 2 };" } },
      ],
      connections: [{ from: "webhook", to: "calc" }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "calc").click();
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "source (JavaScript)" })).toContainText("return { total: 2 };");
  await page.screenshot({ path: "test-results/csp-builder.png" });

  for (const path of ["/executions", "/workflows", "/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
  }
  expect(problems).toEqual([]);
});
