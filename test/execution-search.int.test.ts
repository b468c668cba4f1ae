import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as executionsRoute from "@/app/api/executions/route";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { listExecutions, listExecutionsQuery } from "@/lib/executions/execution-queries";
import { SEARCH_DEFAULTS, type SearchLimits } from "@/lib/executions/search/search-executions";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime } from "./helpers";

const none = {} as Record<string, never>;

// webhook → enrich (set) → fails? → stop (stopAndError with the body's message) | done
function searchWorkflow(path: string) {
  return {
    name: `Search ${path}`,
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path, methods: ["POST"], responseMode: "immediately" } },
      {
        id: "enrich",
        type: "set",
        parameters: { keepInput: false, fields: { orderId: "{{ $json.body.orderId }}", email: "{{ $json.body.customer.email }}", fail: "{{ $json.body.fail }}", failMessage: "{{ $json.body.failMessage }}" } },
      },
      { id: "fails", type: "if", parameters: { condition: "{{ $json.fail }}" } },
      { id: "stop", type: "stopAndError", parameters: { message: "{{ $json.failMessage }}" } },
      { id: "done", type: "noop", parameters: {} },
    ],
    connections: [
      { from: "webhook", to: "enrich" },
      { from: "enrich", to: "fails" },
      { from: "fails", to: "stop", output: "true" },
      { from: "fails", to: "done", output: "false" },
    ],
    settings: {},
  };
}

type Run = { i: number; id: string; workflow: "a" | "b"; email: string; event: string; page: string; amount: number; tags: string[]; fail: boolean; failMessage: string };

function runData(i: number) {
  const fail = i % 3 === 0;
  return {
    email: i % 4 === 0 ? "ada@example.com" : `c${i}@example.com`,
    event: i % 2 ? "push" : "issues",
    page: String(i % 3),
    amount: i * 10,
    tags: ["x", i % 2 ? "odd" : "even"],
    fail,
    failMessage: fail ? (i % 2 === 0 ? "Upstream TIMEOUT after 10 s" : "Card declined (50% off_code)") : "",
  };
}

async function fire(path: string, i: number): Promise<string> {
  const d = runData(i);
  const body = { orderId: `S-${i}`, amount: d.amount, tags: d.tags, customer: { email: d.email, name: `Customer ${i}` }, fail: d.fail, failMessage: d.failMessage };
  const request = new Request(`http://localhost:3000/api/webhooks/${path}?page=${d.page}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": d.event },
    body: JSON.stringify(body),
  });
  const response = await call(webhookRoute.POST, request, { path: path.split("/") });
  expect(response.status).toBe(202);
  return ((await response.json()) as { executionId: string }).executionId;
}

type Page = { items: { id: string; status: string }[]; nextCursor: string | null; search?: { searchedUntil: string | null } };

// Every page of a search through the route, following nextCursor.
async function allPages(apiKey: string, params: Record<string, string>, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query = new URLSearchParams({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const response = await call(executionsRoute.GET, authed(apiKey, `/api/executions?${query}`), none);
    expect(response.status, await response.clone().text()).toBe(200);
    const page = (await response.json()) as Page;
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { ids, pages };
}

// The same through the query function with small budgets, so every plan is taken.
async function allPagesWith(userId: string, params: Record<string, string>, limits: SearchLimits) {
  const ids: string[] = [];
  let limited = 0;
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const page = await listExecutions(userId, listExecutionsQuery.parse({ ...params, limit: "2", ...(cursor ? { cursor } : {}) }), limits);
    ids.push(...page.items.map((item) => item.id));
    if (page.search?.searchedUntil) limited += 1;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, limited };
}

describe("execution search (q)", () => {
  const runs: Run[] = [];
  let user: Awaited<ReturnType<typeof makeUser>>;
  let other: Awaited<ReturnType<typeof makeUser>>;
  let workflowA: string;

  beforeAll(async () => {
    await resetDatabase();
    recordRealtime();
    user = await makeUser("search");
    other = await makeUser("search-other");
    workflowA = (await makeWorkflow(user.id, searchWorkflow("search/a"))).id;
    await makeWorkflow(user.id, searchWorkflow("search/b"));
    await makeWorkflow(other.id, searchWorkflow("search/other"));
    for (let i = 0; i < 14; i++) {
      const workflow = i % 5 === 4 ? "b" : "a";
      runs.push({ i, id: await fire(`search/${workflow}`, i), workflow, ...runData(i) });
      // The other user's runs carry the same payloads: they must never show.
      await fire("search/other", i);
    }
    // immediately mode: wait until every run has finished.
    const { db } = await import("@/lib/db");
    for (let tries = 0; (await db().execution.count({ where: { status: "RUNNING" } })) > 0; tries++) {
      if (tries > 200) throw new Error("runs did not finish");
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  afterEach(() => setPublishTransport(async () => undefined));

  // Newest first, as the list orders them.
  const expected = (match: (r: Run) => boolean) => runs.filter(match).map((r) => r.id).reverse();

  const cases: [string, (r: Run) => boolean][] = [
    [`body.customer.email = "ada@example.com"`, (r) => r.email === "ada@example.com"],
    ["header.x-github-event = push", (r) => r.event === "push"],
    ["header.X-GitHub-Event != push", (r) => r.event !== "push"],
    ["query.page = 2", (r) => r.page === "2"],
    [`node:enrich output.email = "ada@example.com"`, (r) => r.email === "ada@example.com"],
    [`node:webhook output.body.customer.email = "ada@example.com"`, (r) => r.email === "ada@example.com"],
    [`error ~ "timeout"`, (r) => r.fail && r.failMessage.includes("TIMEOUT")],
    [`node:stop error ~ "50% OFF_"`, (r) => r.failMessage.includes("50% off_")],
    // "_" is a character, not ILIKE's wildcard.
    [`error ~ "Upstream_TIMEOUT"`, () => false],
    ["error exists", (r) => r.fail],
    ["body.amount = 30", (r) => r.amount === 30],
    ["body.amount != 30", (r) => r.amount !== 30],
    ["body.tags = odd", (r) => r.tags.includes("odd")],
    [`body.customer.email ~ "ADA@"`, (r) => r.email.startsWith("ada@")],
    [`body ~ "customer 1"`, (r) => `customer ${r.i}`.includes("customer 1")],
    ["body.customer.phone exists", () => false],
    [`body.customer.email = "ada@example.com" AND header.x-github-event = issues error ~ timeout`, (r) => r.email === "ada@example.com" && r.event === "issues" && r.fail && r.failMessage.includes("TIMEOUT")],
  ];

  it("returns exactly the matching executions, across pages", async () => {
    for (const [q, match] of cases) {
      const want = expected(match);
      const { ids, pages } = await allPages(user.apiKey, { q }, 2);
      expect(ids, q).toEqual(want);
      expect(pages, q).toBe(Math.max(1, Math.ceil(want.length / 2)));
    }
    // Sanity: the cases are not trivially empty or everything.
    expect(expected(cases[0]![1])).toHaveLength(4);
    expect(expected(cases[6]![1]).length).toBeGreaterThan(1);
  });

  it("combines with the status and workflow filters", async () => {
    expect((await allPages(user.apiKey, { q: "header.x-github-event = push", status: "SUCCEEDED" }, 3)).ids).toEqual(expected((r) => r.event === "push" && !r.fail));
    expect((await allPages(user.apiKey, { q: "error ~ declined", status: "FAILED,SUCCEEDED" }, 1)).ids).toEqual(expected((r) => r.failMessage.startsWith("Card")));
    expect((await allPages(user.apiKey, { q: "body.tags = even", workflowId: workflowA }, 2)).ids).toEqual(expected((r) => r.tags.includes("even") && r.workflow === "a"));
    expect((await allPages(user.apiKey, { q: "error exists", status: "SUCCEEDED" }, 2)).ids).toEqual([]);
  });

  it("is exact on every plan: walk, index candidates, and a walk cut at its row budget", async () => {
    const plans: [string, SearchLimits][] = [
      ["walk", { ...SEARCH_DEFAULTS, firstWindow: 1000 }],
      ["index", { ...SEARCH_DEFAULTS, firstWindow: 1, candidateCap: 1000 }],
      ["budget", { ...SEARCH_DEFAULTS, firstWindow: 1, maxExamined: 3, candidateCap: 0 }],
    ];
    for (const [plan, limits] of plans) {
      for (const [q, match] of cases) {
        const { ids, limited } = await allPagesWith(user.id, { q }, limits);
        expect(ids, `${plan}: ${q}`).toEqual(expected(match));
        if (plan !== "budget") expect(limited, `${plan}: ${q}`).toBe(0);
      }
    }
    // A cut walk says so, and its cursor continues where it stopped.
    const cut = await listExecutions(user.id, listExecutionsQuery.parse({ q: "body.customer.phone exists" }), { ...SEARCH_DEFAULTS, firstWindow: 2, maxExamined: 5, candidateCap: 0 });
    expect(cut.items).toEqual([]);
    const fifth = (await listExecutions(user.id, listExecutionsQuery.parse({ limit: "5" }))).items[4]!;
    expect(cut.search?.searchedUntil).toBe(fifth.startedAt);
    expect(cut.nextCursor).not.toBeNull();
    const rest = await listExecutions(user.id, listExecutionsQuery.parse({ q: "body.customer.phone exists" }), SEARCH_DEFAULTS);
    expect(rest.search).toEqual({ searchedUntil: null, examinedLimit: SEARCH_DEFAULTS.maxExamined });
    expect(rest.nextCursor).toBeNull();
  });

  it("answers only the caller's executions", async () => {
    const mine = (await allPages(user.apiKey, { q: `body.customer.email = "ada@example.com"` }, 50)).ids;
    const theirs = (await allPages(other.apiKey, { q: `body.customer.email = "ada@example.com"` }, 50)).ids;
    expect(mine).toHaveLength(4);
    expect(theirs).toHaveLength(4);
    expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
  });

  it("refuses malformed search input with a 400 naming the problem and where", async () => {
    const bad: [string, string][] = [
      [`body.customer.email =`, `q: expected a value after "=" at 21`],
      [`body.customer.email = "ada`, "q: a string without its closing quote at 22"],
      [`total = 3`, `q: unknown field "total"`],
      [`body.a = 1 OR body.b = 2`, "q: OR is not supported: all conditions must hold at 11"],
      [`error = "x"`, `q: error takes "~" or "exists", not "=" at 6`],
      [`node:enrich input.a = 1`, "q: expected output or error after node:enrich at 12"],
      [`body.a = "\\u0000"`, "q: a NUL character (\\u0000) in a value at 9"],
    ];
    for (const [q, message] of bad) {
      const response = await call(executionsRoute.GET, authed(user.apiKey, `/api/executions?${new URLSearchParams({ q })}`), none);
      expect(response.status, q).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string; details: { path: string }[] } };
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message, q).toContain(message);
      expect(body.error.details[0]!.path).toBe("q");
    }
  });
});
