import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as webhookRoute from "@/app/api/webhooks/[...path]/route";
import * as rerunRoute from "@/app/api/executions/[id]/rerun/route";
import * as workflowRoute from "@/app/api/workflows/[id]/route";
import { setPublishTransport } from "@/lib/realtime/publisher";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";
import { resetDatabase } from "./db";
import { authed, call, makeUser, makeWorkflow, recordRealtime, waitFor } from "./helpers";

describe("re-running an execution", () => {
  beforeEach(async () => {
    await resetDatabase();
    recordRealtime();
  });
  // Events still queued when a test ends go nowhere instead of to an unreachable server.
  afterEach(() => setPublishTransport(async () => undefined));

  it("replays the trigger against the snapshot or the current version and links to the original", async () => {
    const user = await makeUser();
    const { id: workflowId } = await makeWorkflow(user.id, { ...orderReceivedWorkflow("rerun"), active: true });
    const first = await call(
      webhookRoute.POST,
      new Request("http://localhost:3000/api/webhooks/rerun", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId: "R-1", amount: 500, customer: { name: "Ro" } }) }),
      { path: ["rerun"] },
    );
    const originalId = first.headers.get("x-hookflow-execution-id")!;

    // Change the workflow: the priority answer now carries a label.
    const changed = orderReceivedWorkflow("rerun");
    const priority = changed.nodes[3] as { parameters: Record<string, unknown> };
    priority.parameters = { status: 200, body: { orderId: "{{ $json.orderId }}", tier: "priority", label: "VIP" } };
    await call(workflowRoute.PUT, authed(user.apiKey, `/api/workflows/${workflowId}`, { method: "PUT", body: JSON.stringify(changed) }), { id: workflowId });

    const rerun = (version: string) =>
      call(rerunRoute.POST, authed(user.apiKey, `/api/executions/${originalId}/rerun`, { method: "POST", body: JSON.stringify({ version }) }), { id: originalId });
    const onSnapshot = await rerun("snapshot");
    expect(onSnapshot.status).toBe(202);
    const snapshotRun = await onSnapshot.json();
    const onCurrent = await (await rerun("current")).json();

    const finished = (id: string) => waitFor(() => db().execution.findFirst({ where: { id, status: { not: "RUNNING" } }, include: { nodes: true, workflowVersion: true } }), `re-run ${id}`);
    const a = await finished(snapshotRun.executionId);
    const b = await finished(onCurrent.executionId);
    for (const run of [a, b]) {
      expect(run.mode).toBe("RETRY");
      expect(run.retryOfId).toBe(originalId);
      expect(run.status).toBe("SUCCEEDED");
      expect((run.trigger as { body: unknown }).body).toEqual({ orderId: "R-1", amount: 500, customer: { name: "Ro" } });
    }
    expect(a.workflowVersion.version).toBe(1);
    expect(b.workflowVersion.version).toBe(2);
    expect(a.nodes.find((n) => n.nodeId === "priority")!.output).toEqual({ orderId: "R-1", tier: "priority" });
    expect(b.nodes.find((n) => n.nodeId === "priority")!.output).toEqual({ orderId: "R-1", tier: "priority", label: "VIP" });

    const other = await makeUser("other");
    const denied = await call(rerunRoute.POST, authed(other.apiKey, `/api/executions/${originalId}/rerun`, { method: "POST" }), { id: originalId });
    expect(denied.status).toBe(404);
  });
});
