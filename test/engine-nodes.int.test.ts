import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { resetDatabase } from "./db";
import { call, makeUser, makeWorkflow, recordRealtime, startEchoTarget, waitFor } from "./helpers";

function fire(path: string, body: unknown) {
  const request = new Request(`http://localhost:3000/api/webhooks/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return call(webhookRoute.POST, request, { path: path.split("/") });
}

const hook = (path: string, responseMode = "lastNode") => ({ id: "webhook", type: "webhook", parameters: { path, responseMode } });
const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i]!, to }));

async function nodesOf(executionId: string | null) {
  const execution = await db().execution.findUniqueOrThrow({ where: { id: executionId! }, include: { nodes: true } });
  return { execution, node: (id: string) => execution.nodes.find((n) => n.nodeId === id) };
}

describe("engine nodes through the webhook route", () => {
  let target: Awaited<ReturnType<typeof startEchoTarget>>;
  let targetUrl: string;

  beforeAll(async () => {
    target = await startEchoTarget();
    targetUrl = target.url;
  });
  afterAll(() => target.close());
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("routes with switch, joins with merge and transforms with code, saving every node", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "Routing",
      active: true,
      nodes: [
        hook("route"),
        { id: "kind", type: "switch", parameters: { rules: [{ condition: "{{ $json.body.kind = 'a' }}" }, { condition: "{{ $json.body.kind = 'b' }}" }] } },
        { id: "a", type: "set", parameters: { keepInput: false, fields: { branch: "a" } } },
        { id: "b", type: "set", parameters: { keepInput: false, fields: { branch: "b" } } },
        { id: "other", type: "set", parameters: { keepInput: false, fields: { branch: "other" } } },
        { id: "join", type: "merge", parameters: { mode: "append" } },
        { id: "shape", type: "code", parameters: { source: "console.log('joined', $json.length); ({ branches: $json.map(x => x.branch) })" } },
      ],
      connections: [
        { from: "webhook", to: "kind" },
        { from: "kind", to: "a", output: "0" },
        { from: "kind", to: "b", output: "1" },
        { from: "kind", to: "other", output: "fallback" },
        { from: "a", to: "join" },
        { from: "b", to: "join" },
        { from: "other", to: "join" },
        { from: "join", to: "shape" },
      ],
    });
    const response = await fire("route", { kind: "b" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ branches: ["b"] });
    const { execution, node } = await nodesOf(response.headers.get("x-hookflow-execution-id"));
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.executionPath).toEqual(["webhook", "kind", "b", "join", "shape"]);
    expect(node("join")!.output).toEqual([{ branch: "b" }]);
    expect(node("shape")!.logs).toEqual(["joined 1"]);
    expect(node("a")).toBeUndefined();
  });

  it("saves every retry attempt, and continueOnFail makes the run PARTIAL with the error as output", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "Flaky",
      active: true,
      nodes: [
        hook("flaky"),
        { id: "boom", type: "code", parameters: { source: "throw new RangeError('nope')" }, settings: { retryOnFail: { maxTries: 3, waitMs: 5 }, continueOnFail: true } },
        { id: "after", type: "set", parameters: { fields: { handled: "{{ $json.error.name }}" } } },
      ],
      connections: chain("webhook", "boom", "after"),
    });
    const response = await fire("flaky", {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ handled: "RangeError" });
    const { execution, node } = await nodesOf(response.headers.get("x-hookflow-execution-id"));
    expect(execution.status).toBe("PARTIAL");
    const boom = node("boom")!;
    expect(boom.status).toBe("FAILED");
    expect(boom.error).toMatchObject({ name: "RangeError", message: "nope" });
    expect(boom.output).toEqual({ error: { message: "nope", name: "RangeError" } });
    expect(boom.attempts).toHaveLength(3);
  });

  it("fails only the node for sandbox escapes and runaway code, and keeps serving", async () => {
    const user = await makeUser();
    const attacks = ["process.exit(1)", "require('fs')", "this.constructor.constructor('return process')().exit()", "while (true) {}"];
    for (const [i, source] of attacks.entries()) {
      await makeWorkflow(user.id, {
        name: `Attack ${i}`,
        active: true,
        nodes: [hook(`attack-${i}`), { id: "evil", type: "code", parameters: { source, timeoutMs: 200 } }],
        connections: chain("webhook", "evil"),
      });
      const response = await fire(`attack-${i}`, {});
      expect(response.status).toBe(500);
      const { execution, node } = await nodesOf(response.headers.get("x-hookflow-execution-id"));
      expect(execution.status).toBe("FAILED");
      expect(node("evil")!.status).toBe("FAILED");
    }
    await makeWorkflow(user.id, { name: "Fine", active: true, nodes: [hook("fine"), { id: "ok", type: "code", parameters: { source: "({ sum: 1 + 1 })" } }], connections: chain("webhook", "ok") });
    expect(await (await fire("fine", {})).json()).toEqual({ sum: 2 });
  });

  it("refuses an httpRequest to a loopback address unless the server allows private networks", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "SSRF",
      active: true,
      nodes: [hook("ssrf"), { id: "call", type: "httpRequest", parameters: { method: "GET", url: `${targetUrl}/secret` } }],
      connections: chain("webhook", "call"),
    });
    const refused = await fire("ssrf", {});
    expect(refused.status).toBe(500);
    const { node } = await nodesOf(refused.headers.get("x-hookflow-execution-id"));
    expect((node("call")!.error as { message: string }).message).toMatch(/refused|private|loopback/i);
  });

  it("stores an oversized output as a marker with its size while the next node gets the real data", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "Big",
      active: true,
      nodes: [
        hook("big"),
        { id: "make", type: "code", parameters: { source: "({ blob: 'x'.repeat(1200000) })" } },
        { id: "measure", type: "set", parameters: { keepInput: false, fields: { length: "{{ $length($json.blob) }}" } } },
      ],
      connections: chain("webhook", "make", "measure"),
    });
    const response = await fire("big", {});
    expect(await response.json()).toEqual({ length: 1200000 });
    const { node } = await nodesOf(response.headers.get("x-hookflow-execution-id"));
    const make = node("make")!;
    expect(make.outputTruncated).toBe(true);
    expect(make.outputBytes).toBeGreaterThan(1_200_000);
    expect(make.output).toMatchObject({ truncated: true, size: make.outputBytes });
    expect(node("measure")!.outputTruncated).toBe(false);
  });

  it("writes a long run's nodes live with the same serialization as the final write (NUL characters kept as U+FFFD)", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, {
      name: "Live NUL",
      active: true,
      nodes: [
        hook("live-nul", "immediately"),
        { id: "make", type: "code", parameters: { source: "({ s: 'a' + String.fromCharCode(0) + 'b' })" } },
        { id: "pause", type: "wait", parameters: { ms: 3_000 } },
      ],
      connections: chain("webhook", "make", "pause"),
    });
    const response = await fire("live-nul", {});
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    // Written by the live writer while the run still waits, not deferred to the final write.
    const make = await waitFor(() => db().nodeExecution.findFirst({ where: { executionId, nodeId: "make" } }), "the live node row", 2_500);
    expect(make.output).toEqual({ s: "a\ufffdb" });
    expect((await db().execution.findUniqueOrThrow({ where: { id: executionId } })).status).toBe("RUNNING");
    const finished = await waitFor(() => db().execution.findFirst({ where: { id: executionId, status: "SUCCEEDED" } }), "the run to finish");
    expect([finished.nodesSucceeded, finished.nodesFailed]).toEqual([3, 0]);
  });
});
