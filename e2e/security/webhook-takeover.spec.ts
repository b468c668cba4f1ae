import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signUpFreshUser } from "../support/accounts";

// The critical finding of issue 18, reproduced in Chromium: an attacker's webhook answers HTML
// (or JavaScript) from the app's own origin, and a signed-in victim opens it. The answer must not
// run script as the app (create an API key with the victim's cookie and send it to the attacker),
// nor install a service worker over the app's pages, nor set the app's cookies.

type Respond = { status?: number; headers?: Record<string, string>; body?: unknown };

function respondWorkflow(name: string, path: string, respond: Respond, responseMode = "respondNode") {
  return {
    name,
    active: true,
    settings: {},
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["GET", "POST"], responseMode } },
      { id: "reply", type: "respond", parameters: respond },
    ],
    connections: [{ from: "webhook", to: "reply" }],
  };
}

async function save(request: APIRequestContext, definition: ReturnType<typeof respondWorkflow>) {
  return request.post("/api/workflows", { data: definition });
}

async function create(request: APIRequestContext, definition: ReturnType<typeof respondWorkflow>): Promise<{ id: string; url: string }> {
  const response = await save(request, definition);
  expect(response.status(), await response.text()).toBe(201);
  const workflow = await response.json();
  return { id: workflow.id, url: workflow.webhooks[0].url };
}

async function executionsOf(request: APIRequestContext, workflowId: string): Promise<{ status: string; responseStatus: number | null }[]> {
  const response = await request.get(`/api/executions?workflowId=${workflowId}`);
  expect(response.status()).toBe(200);
  return (await response.json()).items;
}

async function signedIn(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signUpFreshUser(page);
  return page;
}

const unique = (name: string) => `e2e/sec-${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test("a webhook answering HTML cannot act as the signed-in visitor or set the app's cookies", async ({ browser }) => {
  // Two accounts and several workflows: slow on a busy CI machine, not timed.
  test.slow();
  const attacker = await signedIn(browser);
  const victim = await signedIn(browser);

  // The attacker's drop box: whatever reaches it is an execution in the attacker's account.
  const loot = await create(attacker.request, respondWorkflow("loot", unique("loot"), { body: "thanks" }, "lastNode"));

  // The page: as soon as it runs it marks itself (synchronously), then creates an API key with the
  // visitor's cookie and posts it to the drop box.
  const steal = `document.title = "pwned";
    fetch("/api/api-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "pwned" }) })
      .then((r) => r.json())
      .then((key) => fetch(${JSON.stringify(new URL(loot.url).pathname)}, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(key) }));`;
  // Plain HTML with a content-type from an expression: nothing a save-time check could refuse.
  const page = await create(attacker.request, respondWorkflow("page", unique("page"), { headers: { "content-type": "{{ 'text/html; charset=utf-8' }}" }, body: `<!doctype html><title>hello</title><script>${steal}</script>` }));

  // Chromium reports the script it refused to run; waited for, so no timing is assumed.
  const blocked = victim.waitForEvent("console", (m) => /sandboxed.*allow-scripts/.test(m.text()));
  const answer = await victim.goto(page.url);
  expect(answer!.status()).toBe(200);
  expect(answer!.headers()["content-security-policy"]).toBe("sandbox");
  expect(answer!.headers()["x-content-type-options"]).toBe("nosniff");
  await blocked;
  expect(await victim.title()).toBe("hello");

  // Cookies: refused at save, and a value cannot smuggle one in.
  const cookie = await save(attacker.request, respondWorkflow("cookie", unique("cookie"), { headers: { "set-cookie": "hookflow_session=attacker; Path=/" } }));
  expect(cookie.status()).toBeGreaterThanOrEqual(400);
  expect(await cookie.text()).toContain("set-cookie");
  const splitter = await create(attacker.request, respondWorkflow("splitter", unique("split"), { headers: { "x-note": "{{ $trigger.query.note }}" }, body: "hi" }));
  const split = await victim.goto(`${splitter.url}?note=${encodeURIComponent("a\r\nSet-Cookie: hookflow_session=attacker; Path=/")}`);
  expect(split!.status()).toBe(500);
  expect(split!.headers()["set-cookie"]).toBeUndefined();
  // The smuggled header failed the run, and what the sender got (500) is what was recorded.
  expect(await executionsOf(attacker.request, splitter.id)).toEqual([expect.objectContaining({ status: "FAILED", responseStatus: 500 })]);

  // Nothing was done as the victim, and nothing reached the attacker.
  const keys = await victim.request.get("/api/api-keys");
  expect(keys.status(), "the victim is still signed in as themselves").toBe(200);
  expect((await keys.json()).items).toEqual([]);
  expect(await executionsOf(attacker.request, loot.id)).toEqual([]);
});

test("a webhook answering JavaScript cannot become a service worker over the app's pages", async ({ browser }) => {
  // Two accounts and several workflows: slow on a busy CI machine, not timed.
  test.slow();
  const attacker = await signedIn(browser);
  const victim = await signedIn(browser);

  // The service-worker variant: a script answer that may claim the whole site is refused at save...
  const worker = "self.addEventListener('fetch', (e) => e.respondWith(new Response('<h1>owned</h1>', { headers: { 'content-type': 'text/html' } })));";
  const refused = await save(attacker.request, respondWorkflow("sw", unique("sw"), { headers: { "content-type": "text/javascript", "service-worker-allowed": "/" }, body: worker }));
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  expect(refused.status()).toBeLessThan(500);
  expect(await refused.text()).toContain("service-worker-allowed");
  // ...and smuggled into a header value at run time, it fails the run instead of being sent.
  const smuggled = await create(attacker.request, respondWorkflow("sw-smuggled", unique("sw2"), { headers: { "content-type": "text/javascript", "x-note": "{{ $trigger.query.note }}" }, body: worker }));
  const smuggledUrl = `${smuggled.url}?note=${encodeURIComponent("a\r\nService-Worker-Allowed: /")}`;
  const plain = await create(attacker.request, respondWorkflow("sw-plain", unique("sw3"), { headers: { "content-type": "text/javascript" }, body: worker }));

  // An installer page, sandboxed like every answer: its registration never runs.
  const install = `document.title = "pwned"; navigator.serviceWorker.register(${JSON.stringify(new URL(smuggledUrl).pathname + new URL(smuggledUrl).search)}, { scope: "/" });`;
  const installer = await create(attacker.request, respondWorkflow("installer", unique("inst"), { headers: { "content-type": "text/html" }, body: `<!doctype html><title>hi</title><script>${install}</script>` }));
  const installBlocked = victim.waitForEvent("console", (m) => /sandboxed.*allow-scripts/.test(m.text()));
  await victim.goto(installer.url);
  await installBlocked;
  expect(await victim.title()).toBe("hi");

  // Even a script running on the app's own origin could not register either one over the site.
  await victim.goto("/executions");
  await expect(victim.getByRole("heading", { level: 1 })).toBeVisible();
  for (const scriptUrl of [smuggledUrl, plain.url]) {
    const outcome = await victim.evaluate(
      (url) => navigator.serviceWorker.register(new URL(url).pathname + new URL(url).search, { scope: "/" }).then(() => "registered", (e: Error) => `refused: ${e.message}`),
      scriptUrl,
    );
    expect(outcome).toMatch(/^refused/);
  }
  expect(await victim.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  expect(await victim.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

  // The smuggled header failed the run, and what the sender got (500) is what was recorded.
  const smuggledRuns = await executionsOf(attacker.request, smuggled.id);
  expect(smuggledRuns.length).toBeGreaterThan(0);
  for (const run of smuggledRuns) expect([run.status, run.responseStatus]).toEqual(["FAILED", 500]);
});
