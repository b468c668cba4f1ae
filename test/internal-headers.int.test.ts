import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { RAW_PATH_HEADER } from "@/lib/api/request-path";
import { resetDatabase } from "./db";
import { makeUser, makeWorkflow, recordRealtime } from "./helpers";
import { deliver, echoWorkflow } from "./webhook-fixtures";

// The server adds x-hookflow-raw-path to every request itself (lib/api/raw-path.ts). It is not
// what the sender sent: no run, node input/output or "copy as curl" may carry it.

beforeAll(async () => {
  await resetDatabase();
  recordRealtime();
});

describe("internal request headers", () => {
  it("are left out of the stored trigger request and the webhook node's output", async () => {
    const user = await makeUser();
    await makeWorkflow(user.id, echoWorkflow({ path: "internal/raw" }));
    const response = await deliver({ segments: ["internal", "raw"], headers: { "content-type": "application/json", "x-sender": "kept", [RAW_PATH_HEADER]: "/api/webhooks/internal/raw" }, body: "{}" });
    expect(response.status).toBe(200);
    const run = await db().execution.findFirstOrThrow({ include: { nodes: true } });
    const headers = (run.trigger as { headers: Record<string, string> }).headers;
    expect(headers["x-sender"]).toBe("kept");
    expect(Object.keys(headers)).not.toContain(RAW_PATH_HEADER);
    const webhookNode = run.nodes.find((n) => n.nodeId === "webhook")!;
    expect(JSON.stringify(webhookNode.output)).not.toContain(RAW_PATH_HEADER);
    expect(JSON.stringify(run.nodes.map((n) => n.input))).not.toContain(RAW_PATH_HEADER);
  });

  it("are removed from rows saved before, by the migration", async () => {
    const run = await db().execution.findFirstOrThrow({ include: { nodes: true } });
    const dirty = { ...(run.trigger as Record<string, unknown>), headers: { "x-sender": "kept", [RAW_PATH_HEADER]: "/old" } };
    await db().execution.update({ where: { id: run.id }, data: { trigger: dirty } });
    await db().nodeExecution.updateMany({ where: { executionId: run.id, nodeId: "webhook" }, data: { output: dirty } });
    await db().nodeExecution.updateMany({ where: { executionId: run.id, nodeId: { not: "webhook" } }, data: { input: dirty } });

    const sql = readFileSync(path.resolve("prisma/migrations/20261208040000_drop_internal_raw_path_header/migration.sql"), "utf8");
    await pool().query(sql);

    const cleaned = await db().execution.findUniqueOrThrow({ where: { id: run.id }, include: { nodes: true } });
    expect((cleaned.trigger as { headers: unknown }).headers).toEqual({ "x-sender": "kept" });
    for (const node of cleaned.nodes) {
      expect(JSON.stringify([node.input, node.output]), node.nodeId).not.toContain(RAW_PATH_HEADER);
      expect(JSON.stringify([node.input, node.output]), node.nodeId).toContain("kept");
    }
  });
});
